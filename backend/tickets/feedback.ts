import type { Queryable } from '../db/adapter';
import type { Mutation, SessionUser } from '../contract';
import type { TicketFeedbackCreatePayload } from './feedback-payload';
import { findTicket } from './tickets';

export { TicketFeedbackCreatePayload } from './feedback-payload';

const HOW: Record<TicketFeedbackCreatePayload['channel'], string> = { callback: 'telefonicznie', sms: 'SMS-em', email: 'e-mailem' };

/** Records the feedback (and a note in the ticket's history). */
export async function insertFeedback(tx: Queryable, mutation: Mutation, user: SessionUser, payload: TicketFeedbackCreatePayload, now: number): Promise<'ok' | 'not_found' | 'already_exists'> {
  if (!(await findTicket(tx, payload.ticket_id))) return 'not_found';
  if ((await tx.query('SELECT 1 FROM ticket_feedback WHERE id = ?', [mutation.entity_id])).length > 0) return 'already_exists';
  await tx.run('INSERT INTO ticket_feedback (id, ticket_id, channel, note, given_by, client_given_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    mutation.entity_id,
    payload.ticket_id,
    payload.channel,
    payload.note,
    user.id,
    payload.given_at,
    now,
  ]);
  const text = `Mieszkańca poinformowano o wyniku ${HOW[payload.channel]}.${payload.note.trim() ? ` ${payload.note.trim()}` : ''}`;
  await tx.run('INSERT INTO ticket_notes (id, ticket_id, text, visibility, author_id, client_created_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    `${mutation.entity_id}-note`,
    payload.ticket_id,
    text,
    'internal',
    user.id,
    payload.given_at,
    now,
  ]);
  return 'ok';
}
