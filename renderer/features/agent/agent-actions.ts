import type { AgentState, NotAvailableReason } from '../../../preload/contract';
import { bridge } from '../../bridge';
import { useSyncStore } from '../sync/sync-store';
import { useStatusStore } from '../../app/stores/status-store';

/** The states a consultant picks by hand (on_call and logged_out come from the phone and login). */
export const AGENT_CHOICES = [
  { id: 'available', state: 'available', reason: null },
  { id: 'break', state: 'not_available', reason: 'break' },
  { id: 'training', state: 'not_available', reason: 'training' },
  { id: 'back_office', state: 'not_available', reason: 'back_office' },
  { id: 'other', state: 'not_available', reason: 'other' },
  { id: 'after_call_work', state: 'after_call_work', reason: null },
] as const satisfies readonly { id: string; state: AgentState; reason: NotAvailableReason | null }[];

export type AgentChoice = (typeof AGENT_CHOICES)[number];

/** Stored by the core and queued for the backend; status.changed brings the new count and state. */
export async function setAgentState(state: AgentState, reason: NotAvailableReason | null): Promise<void> {
  await bridge().request('agent.setState', { state, reason });
  // The event normally arrives first; asking again covers a reply that raced it.
  const status = await bridge().request('status.get', {});
  useStatusStore.getState().set(status);
  useSyncStore.getState().setUnsent(status.unsentCount);
}

/** The i18n key that names a state, with its reason when there is one. */
export function agentStateKey(state: AgentState, reason: NotAvailableReason | null): string {
  return state === 'not_available' && reason ? `agent.reason.${reason}` : `agent.state.${state}`;
}
