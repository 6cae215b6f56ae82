// The desk's SIP user agent: one JsSIP UA per account, its registration state always known,
// reconnects with a bounded delay, keep-alives that notice a dead connection, a re-register after
// sleep / unlock / network return, and no retry storm on a wrong password. No React here.
import { UA, WebSocketInterface, debug as jssipDebug } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRTCSessionEvent, RTCSessionEvent } from 'jssip/lib/UA';
import { SipCall } from './call';
import { microphoneConstraints } from './media';
import type { CallEndReason, CallOptions, SipCallEvents } from './call';

export interface PhoneAccount {
  websocketUrl: string;
  uri: string;
  authorizationUser: string;
  password: string;
  displayName: string;
  registerExpires: number;
  iceServers: RTCIceServer[];
  dtmfMode: 'rfc2833' | 'info';
  /** Upper bound of the delay between reconnect attempts (seconds). */
  reconnectMaxSeconds: number;
}

export interface PhoneTuning {
  /** OPTIONS keep-alive period while idle (ms); a missing answer within keepAliveTimeoutMs reconnects. */
  keepAliveMs: number;
  keepAliveTimeoutMs: number;
  iceGatheringTimeoutMs: number;
  setupTimeoutMs: number;
  mediaDisconnectGraceMs: number;
  /** Use JsSIP's own defaults for ICE (wait for complete gathering): the benchmark's baseline. */
  jssipDefaults: boolean;
}

export const DEFAULT_TUNING: PhoneTuning = {
  keepAliveMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  iceGatheringTimeoutMs: 1_000,
  setupTimeoutMs: 8_000,
  mediaDisconnectGraceMs: 5_000,
  jssipDefaults: false,
};

export type RegistrationState =
  | { state: 'stopped' }
  | { state: 'connecting'; attempt: number }
  | { state: 'registering' }
  | { state: 'registered'; since: number }
  | { state: 'reconnecting'; attempt: number; error: PhoneError | null }
  | { state: 'failed'; error: PhoneError };

/** Why the phone is not registered, as a code the UI translates. */
export type PhoneError =
  | 'auth_failed' // 401/403 with our credentials: wrong password or user
  | 'no_websocket' // the server never completed a WebSocket handshake
  | 'connection_lost'
  | 'registration_refused'
  | 'invalid_account';

export interface IncomingCallInfo {
  call: SipCall;
  /** The INVITE's arrival (performance.now()), for the screen-pop latency. */
  arrivedAt: number;
  /** True when this INVITE replaces one of our calls (attended transfer to us). */
  replacing: boolean;
}

export interface PhoneEvents {
  registration(state: RegistrationState): void;
  incoming(info: IncomingCallInfo): void;
  callChanged(call: SipCall): void;
  callEnded(call: SipCall, reason: CallEndReason, wasAnswered: boolean): void;
  dtmf(call: SipCall, tone: string): void;
}

export interface PlaceCallOptions {
  microphoneId: string;
  speakerId: string;
  extraHeaders?: string[];
}

/** What JsSIP 3.13 has at runtime but leaves out of its typings (UA.transport, sendOptions). */
interface UaInternals {
  transport: { connect(): void; disconnect(): void };
  sendOptions(target: string, body?: string, options?: unknown): void;
  removeAllListeners(): void;
}
const internals = (ua: UA): UaInternals => ua as unknown as UaInternals;

/** Makes a call id (the call log's uuid v7): given by the softphone. */
export type CallIdFactory = () => string;

export class SipPhone {
  private ua: UA | null = null;
  private registration: RegistrationState = { state: 'stopped' };
  private readonly calls = new Map<string, SipCall>();
  private keepAliveTimer: ReturnType<typeof setInterval> | null = null;
  private keepAliveProbe: ReturnType<typeof setTimeout> | null = null;
  private reconnectRequested = false;
  private everConnected = false;
  private attempts = 0;
  /** Registrations this UA completed (a test asserts there is one binding, not two). */
  registrations = 0;
  private readonly contactUser: string;
  private readonly domain: string;

  constructor(
    private readonly account: PhoneAccount,
    private readonly events: PhoneEvents,
    private readonly newCallId: CallIdFactory,
    private readonly devices: () => { microphoneId: string; speakerId: string },
    private readonly tuning: PhoneTuning = DEFAULT_TUNING,
  ) {
    const match = /^sips?:([^@]+)@([^;:>]+)/.exec(account.uri);
    this.contactUser = match?.[1] ?? 'desk';
    this.domain = match?.[2] ?? '';
  }

  get state(): RegistrationState {
    return this.registration;
  }

  /** Sessions JsSIP itself still holds (a leak check: 0 once every call has ended). */
  get openSessions(): number {
    return Object.keys((this.ua as unknown as { _sessions?: Record<string, unknown> } | null)?._sessions ?? {}).length;
  }

  /**
   * SIP transactions JsSIP still keeps. An answered INVITE's stays 32 s (Timer L, RFC 6026) with its
   * messages: a heap measurement waits for them to drain so that it counts leaks, not timers.
   */
  get openTransactions(): number {
    const table = (this.ua as unknown as { _transactions?: Record<string, Record<string, unknown>> } | null)?._transactions ?? {};
    return Object.values(table).reduce((sum, kind) => sum + Object.keys(kind).length, 0);
  }

  get activeCalls(): SipCall[] {
    return [...this.calls.values()];
  }

  start(): void {
    if (this.ua) return;
    jssipDebug.disable();
    let ua: UA;
    try {
      const socket = new WebSocketInterface(this.account.websocketUrl);
      ua = new UA({
        sockets: [socket],
        uri: this.account.uri,
        authorization_user: this.account.authorizationUser || undefined,
        password: this.account.password,
        display_name: this.account.displayName || undefined,
        register: true,
        register_expires: this.account.registerExpires,
        // Contact user = account: the PBX can re-route in-dialog requests after a reconnect, and a
        // stable Contact means a re-register refreshes our one binding instead of adding another.
        contact_uri: `sip:${this.contactUser}@${randomToken()}.invalid;transport=ws`,
        session_timers: false,
        user_agent: 'Konsola Konsultanta',
        connection_recovery_min_interval: 1,
        connection_recovery_max_interval: Math.max(1, this.account.reconnectMaxSeconds),
        no_answer_timeout: 120,
      });
    } catch {
      this.setRegistration({ state: 'failed', error: 'invalid_account' });
      return;
    }
    this.ua = ua;
    ua.on('connecting', ({ attempts }) => {
      this.attempts = attempts;
      if (this.registration.state === 'failed') return;
      this.setRegistration(this.everConnected ? { state: 'reconnecting', attempt: attempts, error: 'connection_lost' } : { state: 'connecting', attempt: attempts });
    });
    ua.on('connected', () => {
      this.everConnected = true;
      this.attempts = 0;
      if (this.registration.state !== 'failed') this.setRegistration({ state: 'registering' });
    });
    ua.on('disconnected', () => {
      this.stopKeepAlive();
      if (this.reconnectRequested) {
        this.reconnectRequested = false;
        if (this.ua) internals(this.ua).transport.connect();
        return;
      }
      if (this.registration.state === 'failed') return;
      this.setRegistration({ state: 'reconnecting', attempt: this.attempts, error: this.everConnected ? 'connection_lost' : 'no_websocket' });
    });
    ua.on('registered', () => {
      this.registrations += 1;
      this.setRegistration({ state: 'registered', since: Date.now() });
      this.startKeepAlive();
    });
    ua.on('unregistered', () => {
      if (this.registration.state === 'registered') this.setRegistration({ state: 'registering' });
    });
    ua.on('registrationFailed', ({ cause }) => {
      if (cause === 'Authentication Error' || cause === 'Rejected') {
        // A wrong password does not get better by retrying: stop, say so, wait for new settings.
        this.setRegistration({ state: 'failed', error: 'auth_failed' });
        this.stopUa();
        return;
      }
      if (cause === 'Connection Error' || cause === 'Request Timeout') return; // the reconnect handles it
      this.setRegistration({ state: 'failed', error: 'registration_refused' });
    });
    ua.on('newRTCSession', (event: RTCSessionEvent) => this.onSession(event));
    ua.start();
  }

  /** Unregisters, ends every call and closes the connection. */
  stop(): void {
    for (const call of this.calls.values()) call.end('hangup_local');
    this.stopUa();
    this.setRegistration({ state: 'stopped' });
  }

  private stopUa(): void {
    this.stopKeepAlive();
    const ua = this.ua;
    this.ua = null;
    if (!ua) return;
    internals(ua).removeAllListeners();
    ua.stop();
  }

  /**
   * Back from sleep, screen unlock, network return: the connection is probably dead even if the
   * socket still looks open. Probe it now; the probe reconnects (and so re-registers) if it fails,
   * else re-register on the live connection (the PBX may have dropped us while we slept).
   */
  wake(): void {
    const ua = this.ua;
    if (!ua) {
      if (this.registration.state === 'failed' && this.registration.error !== 'auth_failed') this.start();
      return;
    }
    if (!ua.isConnected()) {
      internals(ua).transport.connect(); // skips the back-off delay; a no-op if already connecting
      return;
    }
    this.probe(() => ua.register());
  }

  private setRegistration(state: RegistrationState): void {
    this.registration = state;
    this.events.registration(state);
  }

  private startKeepAlive(): void {
    this.stopKeepAlive();
    this.keepAliveTimer = setInterval(() => this.probe(), this.tuning.keepAliveMs);
  }

  private stopKeepAlive(): void {
    if (this.keepAliveTimer) clearInterval(this.keepAliveTimer);
    if (this.keepAliveProbe) clearTimeout(this.keepAliveProbe);
    this.keepAliveTimer = null;
    this.keepAliveProbe = null;
  }

  /** SIP OPTIONS to the registrar; no answer in time means the connection is dead: reconnect. */
  private probe(onAlive?: () => void): void {
    const ua = this.ua;
    if (!ua || this.keepAliveProbe) return;
    const settle = (alive: boolean): void => {
      if (!this.keepAliveProbe) return;
      clearTimeout(this.keepAliveProbe);
      this.keepAliveProbe = null;
      if (alive) onAlive?.();
      else this.forceReconnect();
    };
    this.keepAliveProbe = setTimeout(() => settle(false), this.tuning.keepAliveTimeoutMs);
    try {
      internals(ua).sendOptions(`sip:${this.domain}`, undefined, {
        eventHandlers: {
          succeeded: () => settle(true),
          // Any answer (even an error status) proves the connection is alive; a transport error does not.
          failed: (event: { cause?: string }) => settle(event.cause !== 'Connection Error' && event.cause !== 'Request Timeout'),
        },
      } as never);
    } catch {
      settle(false);
    }
  }

  private forceReconnect(): void {
    const ua = this.ua;
    if (!ua) return;
    if (ua.isConnected()) {
      this.reconnectRequested = true;
      internals(ua).transport.disconnect(); // 'disconnected' then connects again at once
    } else internals(ua).transport.connect();
  }

  /** Places a call; the INVITE leaves on the first ICE candidate (see SipCall). */
  call(target: string, options: PlaceCallOptions): SipCall {
    const ua = this.ua;
    if (!ua || this.registration.state !== 'registered') throw new Error('not_registered');
    const created = performance.now();
    const id = this.newCallId();
    this.pendingOutbound = { id, created };
    try {
      ua.call(this.toUri(target), {
        mediaConstraints: microphoneConstraints(options.microphoneId),
        pcConfig: this.pcConfig(),
        rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
        extraHeaders: options.extraHeaders ?? [],
      });
    } finally {
      this.pendingOutbound = null;
    }
    const call = this.calls.get(id);
    if (!call) throw new Error('call_not_started');
    return call;
  }

  private pendingOutbound: { id: string; created: number } | null = null;

  private toUri(target: string): string {
    if (/^sips?:/i.test(target)) return target;
    return target.includes('@') ? `sip:${target}` : `sip:${target}@${this.domain}`;
  }

  private pcConfig(): RTCConfiguration {
    return { iceServers: this.account.iceServers };
  }

  private callOptions(): CallOptions {
    const devices = this.devices();
    const hasServers = this.account.iceServers.length > 0;
    return {
      pcConfig: this.pcConfig(),
      microphoneId: devices.microphoneId,
      speakerId: devices.speakerId,
      dtmfMode: this.account.dtmfMode,
      iceGatheringTimeoutMs: this.tuning.iceGatheringTimeoutMs,
      waitForServerCandidates: hasServers,
      setupTimeoutMs: this.tuning.setupTimeoutMs,
      mediaDisconnectGraceMs: this.tuning.mediaDisconnectGraceMs,
      jssipDefaults: this.tuning.jssipDefaults,
    };
  }

  private onSession(event: RTCSessionEvent): void {
    const session: RTCSession = event.session;
    const callEvents: SipCallEvents = {
      change: (call) => this.events.callChanged(call),
      ended: (call, reason, wasAnswered) => {
        this.calls.delete(call.id);
        this.events.callEnded(call, reason, wasAnswered);
      },
      dtmf: (call, tone) => this.events.dtmf(call, tone),
    };
    if (event.originator === 'local') {
      const pending = this.pendingOutbound;
      const call = new SipCall(pending?.id ?? this.newCallId(), session, 'outbound', null, this.callOptions(), callEvents, pending?.created ?? performance.now());
      this.calls.set(call.id, call);
      this.acceptReplaces(session);
      this.events.callChanged(call);
      return;
    }
    const arrivedAt = performance.now();
    const request = (event as IncomingRTCSessionEvent).request;
    const queue = request.getHeader('X-Queue')?.slice(0, 100) || null;
    const call = new SipCall(this.newCallId(), session, 'inbound', queue, this.callOptions(), callEvents, arrivedAt);
    this.calls.set(call.id, call);
    this.acceptReplaces(session);
    this.events.incoming({ call, arrivedAt, replacing: request.hasHeader('Replaces') });
  }

  /** An attended transfer to us: an INVITE with Replaces for this call; JsSIP asks on the replaced call. */
  private acceptReplaces(session: RTCSession): void {
    session.on('replaces', (replace) => replace.accept((next: RTCSession) => this.answerReplacement(next)));
  }

  private answerReplacement(session: RTCSession): void {
    const call = [...this.calls.values()].find((candidate) => candidate.session === session);
    call?.answer();
  }
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (byte) => byte.toString(36).padStart(2, '0')).join('').slice(0, 10);
}
