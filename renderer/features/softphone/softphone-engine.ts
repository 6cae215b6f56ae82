// Joins the SIP engine (renderer/sip) to the desk: settings and secrets in, the softphone store,
// the call log, agent states, ringer and notifications out. One engine per window.
import type { AgentState, NotAvailableReason, Settings } from '../../../preload/contract';
import { dialTarget, isSipConfigured } from '../../../preload/contract';
import type { BridgeClient } from '../../bridge';
import { useStatusStore } from '../../app/stores/status-store';
import { useSettingsStore } from '../settings/settings-store';
import type { CallEndReason, SipCall } from '../../sip/call';
import { callId } from '../../sip/call-id';
import { Ringer } from '../../sip/media';
import { DEFAULT_TUNING, SipPhone } from '../../sip/phone';
import type { PhoneAccount, PhoneTuning, RegistrationState } from '../../sip/phone';
import { CallLogReporter } from './call-log-reporter';
import { outcomeOf } from './call-outcome';
import { deskSecrets } from './sip-secrets';
import { useSoftphoneStore } from './softphone-store';
import type { ActiveCallView, CallDetails } from './softphone-store';

/** Timings of the last calls (performance.now() ms), read by the e2e benchmark. */
export interface CallTimingRecord {
  id: string;
  direction: 'inbound' | 'outbound';
  created: number;
  inviteSent: number | null;
  uiVisible: number | null;
  answerClicked: number | null;
  confirmed: number | null;
}

declare global {
  interface Window {
    /** For tests and benchmarks: timings, registrations, and the engine's tuning switch. */
    __softphone?: {
      timings: CallTimingRecord[];
      registrations(): number;
      jssipDefaults: boolean;
      activeSessions(): number;
      /** Sessions the JsSIP user agent still holds. */
      jssipSessions(): number;
      /** SIP transactions the JsSIP user agent still keeps (answered INVITEs linger 32 s). */
      jssipTransactions(): number;
      peerConnections(): RTCPeerConnection[];
    };
  }
}

export class SoftphoneEngine {
  private phone: SipPhone | null = null;
  private accountKey = '';
  private readonly calls = new Map<string, SipCall>();
  private readonly dtmf = new Map<string, string>();
  private readonly consultations = new Map<string, string>(); // consultation call id -> transferred call id
  private readonly ringer = new Ringer();
  private readonly reporter: CallLogReporter;
  private readonly timings: CallTimingRecord[] = [];
  private readonly unsubscribers: (() => void)[] = [];
  private stateBeforeCall: { state: AgentState; reason: NotAvailableReason | null } | null = null;
  private acwTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly client: BridgeClient) {
    this.reporter = new CallLogReporter((method, params) => client.request(method, params as never));
    window.__softphone = {
      timings: this.timings,
      registrations: () => this.phone?.registrations ?? 0,
      jssipDefaults: window.__softphone?.jssipDefaults ?? false,
      activeSessions: () => this.calls.size,
      jssipSessions: () => this.phone?.openSessions ?? 0,
      jssipTransactions: () => this.phone?.openTransactions ?? 0,
      peerConnections: () => [...this.calls.values()].flatMap((call) => (call.session.connection ? [call.session.connection] : [])),
    };
  }

  start(): void {
    this.unsubscribers.push(
      useSettingsStore.subscribe((state, before) => {
        if (state.settings?.sip !== before.settings?.sip) void this.configure();
        const audio = state.settings?.audio;
        if (audio && before.settings?.audio && audio !== before.settings.audio) void this.switchDevices(audio, before.settings.audio);
      }),
      this.client.subscribe('softphone.secretsChanged', () => void this.configure(true)),
      useSoftphoneStore.subscribe((state, before) => {
        if (state.lastPower !== before.lastPower && state.lastPower && (state.lastPower.event === 'resume' || state.lastPower.event === 'unlock-screen')) this.phone?.wake();
      }),
      this.client.onConnectionChange((connection) => {
        if (connection === 'connected') {
          void this.reporter.flush();
          if (!this.phone) void this.configure();
        }
      }),
    );
    const online = (): void => this.phone?.wake();
    window.addEventListener('online', online);
    this.unsubscribers.push(() => window.removeEventListener('online', online));
    void this.configure();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
    this.phone?.stop();
    this.phone = null;
    this.ringer.stop();
    this.reporter.dispose();
    if (this.acwTimer) clearTimeout(this.acwTimer);
  }

  private settings(): Settings | null {
    return useSettingsStore.getState().settings;
  }

  /** (Re)creates the user agent when the account or its secrets changed; never two at once. */
  private async configure(secretsChanged = false): Promise<void> {
    const settings = this.settings();
    if (!settings || this.stopped) return;
    const sip = settings.sip;
    if (!isSipConfigured(sip)) {
      this.replacePhone(null, '');
      useSoftphoneStore.getState().setRegistration({ state: 'not_configured' });
      return;
    }
    let secrets;
    try {
      secrets = await this.client.request('softphone.secrets', {});
    } catch {
      return; // the core is not reachable now: configure() runs again when it is
    }
    const password = await openSecret(secrets.sipPassword);
    const turnCredential = await openSecret(secrets.turnCredential);
    const iceServers: RTCIceServer[] = [];
    if (sip.stunUrl) iceServers.push({ urls: sip.stunUrl });
    if (sip.turnUrl) iceServers.push({ urls: sip.turnUrl, username: sip.turnUsername, credential: turnCredential ?? '' });
    const account: PhoneAccount = {
      websocketUrl: sip.websocketUrl,
      uri: sip.uri,
      authorizationUser: sip.authorizationUser,
      password: password ?? '',
      displayName: sip.displayName,
      registerExpires: sip.registerExpires,
      iceServers,
      dtmfMode: sip.dtmfMode,
      reconnectMaxSeconds: sip.reconnectMaxSeconds,
    };
    const key = JSON.stringify(account);
    if (key === this.accountKey && !secretsChanged && this.phone) return;
    if (key === this.accountKey && this.phone && this.phone.state.state !== 'failed' && secretsChanged) return;
    const tuning: PhoneTuning = { ...DEFAULT_TUNING, jssipDefaults: window.__softphone?.jssipDefaults ?? false };
    const phone = new SipPhone(
      account,
      {
        registration: (state) => this.phone === phone && this.onRegistration(state),
        incoming: ({ call, replacing }) => this.onIncoming(call, replacing),
        callChanged: (call) => this.onCallChanged(call),
        callEnded: (call, reason, wasAnswered) => this.onCallEnded(call, reason, wasAnswered),
        dtmf: (call, tone) => {
          this.dtmf.set(call.id, `${this.dtmf.get(call.id) ?? ''}${tone}`.slice(-32));
          this.publish();
        },
      },
      () => callId(),
      () => ({ microphoneId: this.settings()?.audio.microphoneId ?? 'default', speakerId: this.settings()?.audio.speakerId ?? 'default' }),
      tuning,
    );
    this.replacePhone(phone, key);
    phone.start();
  }

  private replacePhone(phone: SipPhone | null, key: string): void {
    const old = this.phone;
    this.phone = phone;
    this.accountKey = key;
    old?.stop();
  }

  private onRegistration(state: RegistrationState): void {
    const store = useSoftphoneStore.getState();
    if (state.state === 'failed') store.setRegistration({ state: 'failed', error: state.error });
    else if (state.state === 'reconnecting') store.setRegistration({ state: 'reconnecting', attempt: state.attempt, error: state.error });
    else store.setRegistration(state);
  }

  // ---------------------------------------------------------------- calls in

  private agent(): { state: AgentState; reason: NotAvailableReason | null } {
    const agent = useStatusStore.getState().status?.agent;
    return agent ? { state: agent.state, reason: agent.reason } : { state: 'logged_out', reason: null };
  }

  private onIncoming(call: SipCall, replacing: boolean): void {
    this.calls.set(call.id, call);
    this.timings.push({ id: call.id, direction: 'inbound', created: call.timings.created, inviteSent: null, uiVisible: null, answerClicked: null, confirmed: null });
    if (this.timings.length > 1000) this.timings.splice(0, this.timings.length - 1000);
    this.reporter.report('calls.started', {
      id: call.id,
      direction: 'inbound',
      remoteNumber: call.remoteNumber,
      remoteName: call.remoteName,
      queue: call.queue,
      startedAt: call.startedAt,
    });
    // Queue calls reach only an available consultant with no call; a direct call always rings.
    const agent = this.agent().state;
    const busy = [...this.calls.values()].some((other) => other !== call && other.state !== 'ringing');
    if (call.queue !== null && !replacing && (agent === 'not_available' || agent === 'after_call_work' || agent === 'logged_out' || busy)) {
      call.reject(486);
      return;
    }
    this.publish();
    if (replacing) return; // an attended transfer to us is answered at once (SipPhone)
    void this.ringer.start(this.settings()?.audio.ringerId ?? 'default');
    notify(call);
  }

  private onCallChanged(call: SipCall): void {
    if (!this.calls.has(call.id)) {
      // An outbound call (SipPhone made it): report and track it.
      this.calls.set(call.id, call);
      this.timings.push({ id: call.id, direction: 'outbound', created: call.timings.created, inviteSent: null, uiVisible: null, answerClicked: null, confirmed: null });
      this.reporter.report('calls.started', {
        id: call.id,
        direction: 'outbound',
        remoteNumber: call.remoteNumber,
        remoteName: call.remoteName,
        queue: null,
        startedAt: call.startedAt,
      });
      this.enterOnCall();
    }
    this.recordTimings(call);
    if ((call.state === 'active' || call.state === 'held') && !(call as { __reportedAnswer?: boolean }).__reportedAnswer && call.answeredAt !== null) {
      (call as { __reportedAnswer?: boolean }).__reportedAnswer = true;
      this.reporter.report('calls.answered', { id: call.id, answeredAt: call.answeredAt });
    }
    this.updateRinger();
    this.publish();
  }

  /** Copies the call's timings into the record the benchmark reads (the INVITE's 'sending' is no state change). */
  private recordTimings(call: SipCall): void {
    const timing = this.timings.find((record) => record.id === call.id);
    if (!timing) return;
    timing.inviteSent = call.timings.inviteSent;
    timing.answerClicked = call.timings.answerClicked;
    timing.confirmed = call.timings.confirmed;
  }

  private onCallEnded(call: SipCall, reason: CallEndReason, wasAnswered: boolean): void {
    this.recordTimings(call);
    this.calls.delete(call.id);
    this.dtmf.delete(call.id);
    const transferredFrom = this.consultations.get(call.id);
    this.consultations.delete(call.id);
    if (transferredFrom) this.calls.get(transferredFrom)?.resume();
    if (call.answeredAt !== null && !(call as { __reportedAnswer?: boolean }).__reportedAnswer) {
      (call as { __reportedAnswer?: boolean }).__reportedAnswer = true;
      this.reporter.report('calls.answered', { id: call.id, answeredAt: call.answeredAt });
    }
    this.reporter.report('calls.ended', {
      id: call.id,
      endedAt: call.endedAt ?? Date.now(),
      outcome: outcomeOf(call, reason, wasAnswered),
      transferredTo: call.transferredTo,
    });
    const notes = useSoftphoneStore.getState().notes[call.id];
    if (notes) this.reporter.report('calls.update', { id: call.id, notes });
    useSoftphoneStore.getState().setLastEnded({ id: call.id, remoteNumber: call.remoteNumber, remoteName: call.remoteName, reason, at: Date.now() });
    this.updateRinger();
    this.publish();
    if (wasAnswered && this.calls.size === 0) this.enterAfterCallWork(call);
  }

  private updateRinger(): void {
    if (![...this.calls.values()].some((call) => call.state === 'ringing')) this.ringer.stop();
  }

  /** The store's view: plain data, one update per change (the caller card's screen pop reads it). */
  private publish(): void {
    const views: ActiveCallView[] = [];
    const details: Record<string, CallDetails> = {};
    for (const call of this.calls.values()) {
      views.push({
        id: call.id,
        direction: call.direction,
        remoteNumber: call.remoteNumber,
        remoteName: call.remoteName,
        state: call.state,
        startedAt: call.startedAt,
        answeredAt: call.answeredAt,
      });
      details[call.id] = {
        muted: call.muted,
        queue: call.queue,
        quality: call.quality,
        dtmfReceived: this.dtmf.get(call.id) ?? '',
        consultationFor: this.consultations.get(call.id) ?? null,
      };
    }
    views.sort((a, b) => a.startedAt - b.startedAt);
    const ringing = views.find((view) => view.state === 'ringing');
    const active = views.find((view) => view.state === 'active' || view.state === 'connecting');
    const current = useSoftphoneStore.getState().focusedCallId;
    const focused = ringing?.id ?? (current && details[current] ? current : (active?.id ?? views.at(-1)?.id ?? null));
    useSoftphoneStore.getState().setCalls(views, details, focused);
    void this.client.request('desk.reportActivity', { activeCalls: Math.min(16, views.length) }).catch(() => undefined);
  }

  /** The incoming-call UI rendered (the screen-pop latency's end). */
  markVisible(id: string, at: number): void {
    const timing = this.timings.find((record) => record.id === id);
    if (timing && timing.uiVisible === null) timing.uiVisible = at;
  }

  // ---------------------------------------------------------------- agent states

  private enterOnCall(): void {
    const agent = this.agent();
    if (agent.state === 'on_call') return;
    if (this.acwTimer) clearTimeout(this.acwTimer);
    this.acwTimer = null;
    useSoftphoneStore.getState().setWrapUp(null);
    if (agent.state !== 'after_call_work') this.stateBeforeCall = agent;
    void this.setAgent('on_call', null);
  }

  private enterAfterCallWork(call: SipCall): void {
    const seconds = this.settings()?.sip.afterCallWorkSeconds ?? 0;
    const back = this.stateBeforeCall ?? { state: 'available' as AgentState, reason: null };
    if (seconds <= 0) {
      void this.setAgent(back.state === 'on_call' ? 'available' : back.state, back.reason);
      return;
    }
    const codeRequired = call.queue !== null;
    const endsAt = Date.now() + seconds * 1000;
    useSoftphoneStore.getState().setWrapUp({ callId: call.id, queue: call.queue, codeRequired, code: null, endsAt });
    void this.setAgent('after_call_work', null);
    this.acwTimer = setTimeout(() => this.finishAfterCallWork(false), seconds * 1000);
  }

  /** Ends after-call work: by the consultant (done) or at the time limit (unless a code is still owed). */
  finishAfterCallWork(byConsultant: boolean): boolean {
    const wrapUp = useSoftphoneStore.getState().wrapUp;
    if (!wrapUp) return true;
    if (wrapUp.codeRequired && !wrapUp.code) {
      if (!byConsultant) useSoftphoneStore.getState().setWrapUp({ ...wrapUp, endsAt: null });
      return false;
    }
    if (this.acwTimer) clearTimeout(this.acwTimer);
    this.acwTimer = null;
    useSoftphoneStore.getState().setWrapUp(null);
    const back = this.stateBeforeCall ?? { state: 'available' as AgentState, reason: null };
    this.stateBeforeCall = null;
    if (this.agent().state === 'after_call_work') void this.setAgent(back.state === 'on_call' || back.state === 'after_call_work' ? 'available' : back.state, back.reason);
    return true;
  }

  setWrapUpCode(code: string): void {
    const store = useSoftphoneStore.getState();
    const wrapUp = store.wrapUp;
    if (!wrapUp) return;
    store.setWrapUp({ ...wrapUp, code });
    this.reporter.report('calls.update', { id: wrapUp.callId, wrapUpCode: code });
  }

  saveNotes(id: string): void {
    const notes = useSoftphoneStore.getState().notes[id];
    if (notes !== undefined) this.reporter.report('calls.update', { id, notes: notes.slice(0, 4000) });
  }

  private async setAgent(state: AgentState, reason: NotAvailableReason | null): Promise<void> {
    try {
      const status = await this.client.request('agent.setState', { state, reason });
      const current = useStatusStore.getState().status;
      if (current) useStatusStore.getState().set({ ...current, agent: status });
    } catch {
      // The status bar keeps showing the state the core has; the phone goes on.
    }
  }

  // ---------------------------------------------------------------- actions from the UI

  get registered(): boolean {
    return this.phone?.state.state === 'registered';
  }

  /** Dials a typed, pasted or linked number: normalized (libphonenumber, region PL) or a SIP address. */
  dial(input: string): { ok: true } | { ok: false; error: 'invalid_number' | 'not_registered' } {
    const target = dialTarget(input.trim());
    if (!target) return { ok: false, error: 'invalid_number' };
    if (!this.phone || !this.registered) return { ok: false, error: 'not_registered' };
    // A new call holds the one in progress (as a desk phone does).
    for (const call of this.calls.values()) if (call.state === 'active') call.hold();
    const devices = this.settings()?.audio ?? { microphoneId: 'default', speakerId: 'default' };
    this.phone.call(target, { microphoneId: devices.microphoneId, speakerId: devices.speakerId });
    return { ok: true };
  }

  answer(id: string): void {
    const call = this.calls.get(id);
    if (!call || call.state !== 'ringing') return;
    // Call waiting: answering the second call holds the first.
    for (const other of this.calls.values()) if (other !== call && other.state === 'active') other.hold();
    this.ringer.stop();
    call.answer();
    this.enterOnCall();
  }

  reject(id: string): void {
    this.calls.get(id)?.reject(603);
  }

  hangup(id: string): void {
    this.calls.get(id)?.end('hangup_local');
  }

  hold(id: string): void {
    this.calls.get(id)?.hold();
  }

  resume(id: string): void {
    const call = this.calls.get(id);
    if (!call) return;
    for (const other of this.calls.values()) if (other !== call && other.state === 'active') other.hold();
    call.resume();
  }

  setMuted(id: string, muted: boolean): void {
    this.calls.get(id)?.setMuted(muted);
  }

  sendDtmf(id: string, tones: string): void {
    this.calls.get(id)?.sendDtmf(tones);
  }

  async blindTransfer(id: string, input: string, label: string): Promise<'ok' | 'invalid_number' | 'transfer_failed'> {
    const call = this.calls.get(id);
    const target = dialTarget(input.trim());
    if (!call || !target) return 'invalid_number';
    try {
      await call.blindTransfer(this.toUri(target), label || target);
      return 'ok';
    } catch {
      return 'transfer_failed';
    }
  }

  /** Attended transfer, step 1: hold the call and call the target (the consultation). */
  consult(id: string, input: string): 'ok' | 'invalid_number' | 'not_registered' {
    const call = this.calls.get(id);
    const target = dialTarget(input.trim());
    if (!call || !target) return 'invalid_number';
    if (!this.phone || !this.registered) return 'not_registered';
    call.hold();
    const devices = this.settings()?.audio ?? { microphoneId: 'default', speakerId: 'default' };
    const consultation = this.phone.call(target, { microphoneId: devices.microphoneId, speakerId: devices.speakerId });
    this.consultations.set(consultation.id, id);
    this.publish();
    return 'ok';
  }

  /** Attended transfer, step 2: join the held call to the consultation's party. */
  async completeTransfer(consultationId: string): Promise<'ok' | 'transfer_failed'> {
    const transferredId = this.consultations.get(consultationId);
    const call = transferredId ? this.calls.get(transferredId) : undefined;
    const consultation = this.calls.get(consultationId);
    if (!call || !consultation) return 'transfer_failed';
    try {
      this.consultations.delete(consultationId); // do not resume the held call when the consultation ends
      await call.attendedTransfer(consultation, consultation.remoteName ?? consultation.remoteNumber);
      return 'ok';
    } catch {
      this.consultations.set(consultationId, call.id);
      return 'transfer_failed';
    }
  }

  /**
   * The consultant picked other devices in the settings: calls in progress switch at once (the new
   * microphone gets the same processing constraints, the remote audio moves to the new speaker),
   * and a ringing call's ringer moves to the new ringer output.
   */
  async switchDevices(audio: Settings['audio'], before: Settings['audio']): Promise<void> {
    for (const call of [...this.calls.values()]) {
      if (call.state === 'ended') continue;
      if (audio.microphoneId !== before.microphoneId) await call.switchMicrophone(audio.microphoneId).catch(() => undefined);
      if (audio.speakerId !== before.speakerId) await call.switchSpeaker(audio.speakerId);
    }
    if (audio.ringerId !== before.ringerId && this.ringer.ringing) {
      this.ringer.stop();
      void this.ringer.start(audio.ringerId);
    }
    this.publish();
  }

  inputLevel(id: string): number | null {
    return this.calls.get(id)?.inputLevel() ?? null;
  }

  private toUri(target: string): string {
    if (target.includes('@')) return `sip:${target}`;
    const domain = /@([^;:>]+)/.exec(this.settings()?.sip.uri ?? '')?.[1] ?? '';
    return `sip:${target}@${domain}`;
  }
}

async function openSecret(secret: { scheme: string; secret: string } | null): Promise<string | null> {
  if (!secret) return null;
  if (secret.scheme === 'plain') return secret.secret;
  const box = deskSecrets();
  try {
    return box ? await box.open(secret.secret) : null;
  } catch {
    return null;
  }
}

/** A desktop notification when the window is not focused: the caller's name and number as text. */
function notify(call: SipCall): void {
  if (document.hasFocus() || typeof Notification === 'undefined') return;
  const show = (): void => {
    try {
      const notification = new Notification(call.remoteName ?? call.remoteNumber, { body: call.remoteNumber, tag: call.id, silent: true });
      notification.onclick = () => window.focus();
    } catch {
      // Notifications refused by the system: the ringer and the panel are enough.
    }
  };
  if (Notification.permission === 'granted') show();
  else if (Notification.permission === 'default') void Notification.requestPermission().then((permission) => permission === 'granted' && show());
}

let engine: SoftphoneEngine | null = null;

export function softphoneEngine(): SoftphoneEngine | null {
  return engine;
}

export function startSoftphoneEngine(client: BridgeClient): () => void {
  engine?.stop();
  const current = new SoftphoneEngine(client);
  engine = current;
  current.start();
  return () => {
    current.stop();
    if (engine === current) engine = null;
  };
}
