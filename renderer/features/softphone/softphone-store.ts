import { create } from 'zustand';
import type { PowerEvent } from '../../../preload/contract';

export interface CallRequest {
  /** The number or SIP address to call, without the tel:/sip: scheme. */
  target: string;
  uri: string;
  at: number;
}

/**
 * What other features (the caller card, tickets, chats) may read about the calls the softphone
 * holds. The SIP engine keeps its own objects; this is the plain, render-safe view of them.
 */
export interface ActiveCallView {
  /** The call log id (uuid v7), the same one reported through calls.started. */
  id: string;
  direction: 'inbound' | 'outbound';
  /** The remote party as the network gave it (untrusted text). */
  remoteNumber: string;
  /** The display name the remote side sent (untrusted text, shortened). */
  remoteName: string | null;
  state: 'ringing' | 'connecting' | 'active' | 'held' | 'ended';
  startedAt: number;
  answeredAt: number | null;
}

/** The registration as the UI shows it (the SIP engine's state, plain data). */
export type RegistrationView =
  | { state: 'not_configured' }
  | { state: 'stopped' }
  | { state: 'connecting'; attempt: number }
  | { state: 'registering' }
  | { state: 'registered'; since: number }
  | { state: 'reconnecting'; attempt: number; error: string | null }
  | { state: 'failed'; error: string };

/** What only the softphone panel needs about a call, beside ActiveCallView. */
export interface CallDetails {
  muted: boolean;
  queue: string | null;
  quality: { lossPercent: number; jitterMs: number; roundTripMs: number | null; mos: number; level: 'good' | 'fair' | 'poor' } | null;
  /** Tones received from the far side (SIP INFO), newest last. */
  dtmfReceived: string;
  /** Set while this call is the consultation leg of an attended transfer: the call being transferred. */
  consultationFor: string | null;
}

/** After-call work for the last call: the wrap-up code and notes typed, until the time limit. */
export interface WrapUp {
  callId: string;
  queue: string | null;
  /** The queue requires a wrap-up code before the consultant is available again. */
  codeRequired: boolean;
  code: string | null;
  /** Epoch ms when after-call work ends on its own (null: not until a code is chosen). */
  endsAt: number | null;
}

/** The last ended call, shown briefly with its outcome. */
export interface EndedCallView {
  id: string;
  remoteNumber: string;
  remoteName: string | null;
  reason: string;
  at: number;
}

interface SoftphoneStore {
  /** Calls the softphone holds now (ringing, connecting, in progress, on hold), oldest first. */
  calls: ActiveCallView[];
  /** The call the consultant is looking at: the ringing one, else the active one. */
  focusedCallId: string | null;
  /** The last tel:/sip: link the system handed to the desk (click-to-call). */
  callRequest: CallRequest | null;
  /** The last power or session event: the SIP engine re-registers after resume/unlock. */
  lastPower: { event: PowerEvent; at: number } | null;
  registration: RegistrationView;
  details: Record<string, CallDetails>;
  lastEnded: EndedCallView | null;
  wrapUp: WrapUp | null;
  /** Notes typed per call (kept until the call log has them). */
  notes: Record<string, string>;
  /** Set the whole call picture at once (the SIP engine is the source of truth). */
  setCalls(calls: ActiveCallView[], details: Record<string, CallDetails>, focusedCallId: string | null): void;
  setRegistration(registration: RegistrationView): void;
  setLastEnded(ended: EndedCallView | null): void;
  setWrapUp(wrapUp: WrapUp | null): void;
  setNotes(callId: string, notes: string): void;
  openLink(uri: string, at: number): void;
  power(event: PowerEvent, at: number): void;
  dismissCallRequest(): void;
}

/** "tel:+48 12 616 12 34" → "+48 12 616 12 34"; "sip:alice@example.org" → "alice@example.org". */
export function linkTarget(uri: string): string {
  return decodeURIComponentSafe(uri.replace(/^(tel|sips?):/i, ''));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export const useSoftphoneStore = create<SoftphoneStore>()((set) => ({
  calls: [],
  focusedCallId: null,
  callRequest: null,
  lastPower: null,
  registration: { state: 'not_configured' },
  details: {},
  lastEnded: null,
  wrapUp: null,
  notes: {},
  setCalls: (calls, details, focusedCallId) => set({ calls, details, focusedCallId }),
  setRegistration: (registration) => set({ registration }),
  setLastEnded: (lastEnded) => set({ lastEnded }),
  setWrapUp: (wrapUp) => set({ wrapUp }),
  setNotes: (callId, text) => set((state) => ({ notes: { ...state.notes, [callId]: text } })),
  openLink: (uri, at) => set({ callRequest: { uri, target: linkTarget(uri), at } }),
  power: (event, at) => set({ lastPower: { event, at } }),
  dismissCallRequest: () => set({ callRequest: null }),
}));
