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

interface SoftphoneStore {
  /** Calls the softphone holds now (ringing, connecting, in progress, on hold), oldest first. */
  calls: ActiveCallView[];
  /** The call the consultant is looking at: the ringing one, else the active one. */
  focusedCallId: string | null;
  /** The last tel:/sip: link the system handed to the desk (click-to-call). */
  callRequest: CallRequest | null;
  /** The last power or session event: the SIP engine re-registers after resume/unlock. */
  lastPower: { event: PowerEvent; at: number } | null;
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
  openLink: (uri, at) => set({ callRequest: { uri, target: linkTarget(uri), at } }),
  power: (event, at) => set({ lastPower: { event, at } }),
  dismissCallRequest: () => set({ callRequest: null }),
}));
