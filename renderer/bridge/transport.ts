/** The state of the pipe to the core, as the status bar and the tests see it. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/**
 * A raw message pipe to the core. The client speaks the contract over it; the transport only
 * carries envelopes and reports whether it is up.
 */
export interface Transport {
  readonly state: ConnectionState;
  /** Returns false when the message could not be handed over (not connected). */
  send(message: unknown): boolean;
  onMessage(listener: (message: unknown) => void): () => void;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}
