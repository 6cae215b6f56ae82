/**
 * What preload exposes on `window.deskBridge` in Electron: a raw message pipe to the core, nothing
 * else. The renderer's client speaks the contract over it, exactly as over the browser host's
 * WebSocket.
 */
export interface DeskBridgeApi {
  /** Sends one envelope (a RequestEnvelope) to the core. */
  send(message: unknown): void;
  /** Registers the receiver of every envelope from the core; returns an unsubscribe function. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Platform facts the shell knows and the browser host does not. */
  readonly platform: { readonly shell: 'electron'; readonly os: string };
}
