import type { TicketStatusValue } from '../../../backend/contract';

/*
 * Open311 knows only open and closed; the servicerequestupdates extension and real servers use many
 * more words (FixMyStreet's, Mark-a-Spot's, our backend's). They fold into the desk's ticket statuses.
 * An unknown word keeps the request open: it never closes a ticket by guess.
 */
const WORDS: Record<string, TicketStatusValue> = {
  open: 'open',
  opened: 'open',
  new: 'open',
  submitted: 'open',
  confirmed: 'open',
  reopened: 'open',
  in_progress: 'in_progress',
  inprogress: 'in_progress',
  investigating: 'in_progress',
  action_scheduled: 'in_progress',
  assigned: 'in_progress',
  acknowledged: 'in_progress',
  internal_referral: 'forwarded',
  referred: 'forwarded',
  forwarded: 'forwarded',
  fixed: 'fixed',
  resolved: 'fixed',
  completed: 'fixed',
  done: 'fixed',
  closed: 'closed',
  cancelled: 'closed',
  canceled: 'closed',
  archived: 'closed',
  no_further_action: 'rejected',
  not_councils_responsibility: 'rejected',
  not_responsible: 'rejected',
  duplicate: 'rejected',
  rejected: 'rejected',
  declined: 'rejected',
  invalid: 'rejected',
  unable_to_fix: 'rejected',
};

export function toTicketStatus(word: string | null | undefined): { status: TicketStatusValue; known: boolean } {
  const key = (word ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  const status = WORDS[key];
  return status ? { status, known: true } : { status: 'open', known: false };
}

/** Statuses after which a request is no longer polled by the fallback. */
export function isFinal(status: TicketStatusValue): boolean {
  return status === 'fixed' || status === 'closed' || status === 'rejected';
}
