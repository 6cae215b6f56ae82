import type { BridgeError, BridgeErrorCode, FieldIssue } from '../../preload/contract';

/** Failures the client itself detects, besides the core's own error codes. */
export type ClientErrorCode = 'disconnected' | 'timeout' | 'invalid_reply';

/** A request that did not succeed: the core's BridgeError, or a failure on the way. */
export class BridgeRequestError extends Error {
  readonly code: BridgeErrorCode | ClientErrorCode;
  readonly issues: readonly FieldIssue[];

  constructor(
    readonly method: string,
    error: BridgeError | { code: ClientErrorCode; message: string; issues?: FieldIssue[] },
  ) {
    super(`${method}: ${error.message}`);
    this.name = 'BridgeRequestError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

export function isBridgeRequestError(error: unknown): error is BridgeRequestError {
  return error instanceof BridgeRequestError;
}
