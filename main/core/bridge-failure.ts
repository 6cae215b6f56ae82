import type { BridgeError } from '../../preload/contract';

/** Thrown by a handler to answer with a typed error instead of a result. */
export class BridgeFailure extends Error {
  constructor(readonly error: BridgeError) {
    super(error.message);
  }
}
