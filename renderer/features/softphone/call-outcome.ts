import type { CallOutcome } from '../../../preload/contract';
import type { CallEndReason } from '../../sip/end-reason';

/** The call log's outcome for how a call ended. */
export function outcomeOf(call: { direction: 'inbound' | 'outbound' }, reason: CallEndReason, wasAnswered: boolean): CallOutcome {
  if (reason === 'transferred') return 'transferred';
  if (wasAnswered) return reason === 'media_failed' || reason === 'ice_timeout' ? 'failed' : 'answered';
  if (call.direction === 'outbound') return 'failed';
  if (reason === 'canceled') return 'abandoned';
  if (reason === 'rejected') return 'rejected';
  return 'missed';
}

