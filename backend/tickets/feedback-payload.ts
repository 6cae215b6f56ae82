import { z } from 'zod';

/** The resident was told how the ticket ended (issue 7): by a callback, an SMS or an e-mail. */
export const TicketFeedbackCreatePayload = z.strictObject({
  ticket_id: z.string().min(1).max(64),
  channel: z.enum(['callback', 'sms', 'email']),
  note: z.string().max(2000).default(''),
  given_at: z.number().int().nonnegative(),
});
export type TicketFeedbackCreatePayload = z.infer<typeof TicketFeedbackCreatePayload>;
