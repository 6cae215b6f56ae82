import { z } from 'zod';
import { BridgeError } from './errors';

/** What travels over a MessagePort or a WebSocket, in both directions. */
export const RequestEnvelope = z.object({
  kind: z.literal('request'),
  id: z.string().min(1).max(64),
  method: z.string().min(1).max(100),
  params: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export const ReplyEnvelope = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('reply'), id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('reply'), id: z.string(), ok: z.literal(false), error: BridgeError }),
]);
export type ReplyEnvelope = z.infer<typeof ReplyEnvelope>;

export const EventEnvelope = z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown() });
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export const CoreToClient = z.union([ReplyEnvelope, EventEnvelope]);
export type CoreToClient = z.infer<typeof CoreToClient>;

/** The largest message the core reads; anything longer is refused before parsing. */
export const MAX_MESSAGE_BYTES = 1_000_000;
