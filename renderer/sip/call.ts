// One call: a JsSIP RTCSession with the desk's rules around it. It never hangs before sending (an
// ICE gathering time limit), never stays open on dead media (connection failed, or disconnected
// for a grace period), plays the remote audio on the chosen speaker, and says what happened in
// plain events the softphone store turns into the UI and the call log.
import type { RTCSession } from 'jssip/lib/RTCSession';
import { LevelMeter, microphoneConstraints, routeTo, switchMicrophone } from './media';
import type { Quality, QualitySample } from './quality';
import { quality, sampleFromStats } from './quality';
import { cleanDisplayName, cleanRemoteNumber } from './untrusted';
import type { CallEndReason } from './end-reason';

export type CallState = 'ringing' | 'connecting' | 'active' | 'held' | 'ended';
export type { CallEndReason } from './end-reason';

export interface CallTimings {
  /** call() (outbound) or INVITE arrival (inbound): performance.now(). */
  created: number;
  inviteSent: number | null;
  answerClicked: number | null;
  confirmed: number | null;
}

export interface CallOptions {
  pcConfig: RTCConfiguration;
  microphoneId: string;
  speakerId: string;
  dtmfMode: 'rfc2833' | 'info';
  /** Most time from the first ICE candidate to sending the INVITE / 200 OK. */
  iceGatheringTimeoutMs: number;
  /** Whether there are STUN/TURN servers worth waiting for (else the first host candidate is enough). */
  waitForServerCandidates: boolean;
  /** A call that cannot send its INVITE / answer within this is ended (ice_timeout). */
  setupTimeoutMs: number;
  /** Media `disconnected` this long ends the call (media_failed). */
  mediaDisconnectGraceMs: number;
  /** Leave ICE to JsSIP (wait for complete gathering): the benchmark's baseline. */
  jssipDefaults: boolean;
}

export interface SipCallEvents {
  change(call: SipCall): void;
  ended(call: SipCall, reason: CallEndReason, wasAnswered: boolean): void;
  dtmf(call: SipCall, tone: string): void;
}

let nextLocalId = 1;

export class SipCall {
  /** Set by the softphone: the call log id (uuid v7). */
  readonly id: string;
  readonly localId = nextLocalId++;
  readonly direction: 'inbound' | 'outbound';
  readonly remoteNumber: string;
  readonly remoteName: string | null;
  /** The queue the PBX says the call came through (X-Queue header), or null for a direct call. */
  readonly queue: string | null;
  state: CallState;
  muted = false;
  startedAt = Date.now();
  answeredAt: number | null = null;
  endedAt: number | null = null;
  endReason: CallEndReason | null = null;
  transferredTo: string | null = null;
  quality: Quality | null = null;
  readonly timings: CallTimings;
  readonly session: RTCSession;

  private remoteAudio: HTMLAudioElement | null = null;
  private meter: LevelMeter | null = null;
  private lastSample: QualitySample | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private setupTimer: ReturnType<typeof setTimeout> | null = null;
  private iceTimer: ReturnType<typeof setTimeout> | null = null;
  private disconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingEndReason: CallEndReason | null = null;

  constructor(
    id: string,
    session: RTCSession,
    direction: 'inbound' | 'outbound',
    queue: string | null,
    /** Per call; the device ids follow a mid-call switch. */
    private readonly options: CallOptions,
    private readonly events: SipCallEvents,
    created: number,
  ) {
    this.id = id;
    this.session = session;
    this.direction = direction;
    this.queue = queue;
    this.state = direction === 'inbound' ? 'ringing' : 'connecting';
    this.timings = { created, inviteSent: null, answerClicked: null, confirmed: null };
    const identity = session.remote_identity;
    this.remoteNumber = cleanRemoteNumber(identity.uri.toString());
    this.remoteName = cleanDisplayName(identity.display_name);
    this.wire();
  }

  get answered(): boolean {
    return this.answeredAt !== null;
  }

  get onHold(): boolean {
    return this.state === 'held';
  }

  private wire(): void {
    const session = this.session;
    if (session.connection) this.watchPeerConnection(session.connection);
    session.on('peerconnection', ({ peerconnection }) => this.watchPeerConnection(peerconnection));
    session.on('icecandidate', (event) => this.onIceCandidate(event.candidate, event.ready));
    session.on('sending', () => {
      this.timings.inviteSent ??= performance.now();
      this.clearSetupTimer();
    });
    session.on('accepted', () => {
      this.answeredAt ??= Date.now();
      this.setState('active');
    });
    session.on('confirmed', () => {
      this.timings.confirmed ??= performance.now();
      this.answeredAt ??= Date.now();
      this.clearSetupTimer();
      if (this.state !== 'held') this.setState('active');
      this.startStats();
    });
    session.on('hold', ({ originator }) => {
      if (originator === 'local') this.setState('held');
    });
    session.on('unhold', ({ originator }) => {
      if (originator === 'local') this.setState('active');
    });
    session.on('newDTMF', (event: unknown) => {
      const { originator, dtmf } = event as { originator: string; dtmf: { tone: string } };
      if (originator === 'remote') this.events.dtmf(this, dtmf.tone);
    });
    session.on('ended', ({ originator }) => this.finish(this.pendingEndReason ?? (originator === 'local' ? 'hangup_local' : 'hangup_remote')));
    session.on('failed', ({ originator, cause }) => this.finish(this.pendingEndReason ?? failureReason(originator, String(cause ?? ''))));
    if (this.direction === 'outbound') this.armSetupTimer();
  }

  private onIceCandidate(candidate: RTCIceCandidate, ready: () => void): void {
    // JsSIP waits for ICE gathering to complete before it sends (~120 ms with host candidates
    // only, seconds with an unreachable STUN server). Without STUN/TURN the first candidate is
    // all there is; with them, wait for a server candidate but never longer than the limit.
    if (this.options.jssipDefaults) return;
    if (!this.options.waitForServerCandidates) return ready();
    if (candidate.type === 'srflx' || candidate.type === 'relay') return ready();
    this.iceTimer ??= setTimeout(ready, this.options.iceGatheringTimeoutMs);
  }

  /** Outbound calls and answers must get their SDP out in time, or end as ice_timeout. */
  private armSetupTimer(): void {
    this.clearSetupTimer();
    this.setupTimer = setTimeout(() => {
      if (this.timings.inviteSent !== null && this.direction === 'outbound') return;
      this.end('ice_timeout');
    }, this.options.setupTimeoutMs);
  }

  private clearSetupTimer(): void {
    if (this.setupTimer) clearTimeout(this.setupTimer);
    this.setupTimer = null;
  }

  private watchPeerConnection(pc: RTCPeerConnection): void {
    if ((pc as { __deskWatched?: boolean }).__deskWatched) return;
    (pc as { __deskWatched?: boolean }).__deskWatched = true;
    pc.addEventListener('track', (event) => {
      if (event.track.kind !== 'audio') return;
      const audio = this.remoteAudio ?? new Audio();
      audio.dataset.softphone = 'remote';
      audio.autoplay = true;
      audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      this.remoteAudio = audio;
      void routeTo(audio, this.options.speakerId).then(() => audio.play().catch(() => undefined));
    });
    pc.addEventListener('connectionstatechange', () => {
      const state = pc.connectionState;
      if (state === 'failed') this.end('media_failed');
      else if (state === 'disconnected') {
        this.disconnectTimer ??= setTimeout(() => this.end('media_failed'), this.options.mediaDisconnectGraceMs);
      } else if (state === 'connected' && this.disconnectTimer) {
        clearTimeout(this.disconnectTimer);
        this.disconnectTimer = null;
      }
    });
  }

  private setState(state: CallState): void {
    if (this.state === 'ended' || this.state === state) return;
    this.state = state;
    this.events.change(this);
  }

  /** Answers an inbound call (audio only). */
  answer(): void {
    if (this.state !== 'ringing') return;
    this.timings.answerClicked = performance.now();
    this.setState('connecting');
    this.armAnswerTimer();
    this.session.answer({
      mediaConstraints: microphoneConstraints(this.options.microphoneId),
      pcConfig: this.options.pcConfig,
    });
  }

  private armAnswerTimer(): void {
    this.clearSetupTimer();
    this.setupTimer = setTimeout(() => {
      if (this.timings.confirmed === null && this.state !== 'ended') this.end('ice_timeout');
    }, this.options.setupTimeoutMs + 32_000); // the ACK may take up to 32 s (Timer H); after that JsSIP ends it too
  }

  /** Rejects a ringing call: 486 Busy Here for "not available", 603 Decline when the consultant declines. */
  reject(status: 486 | 603 = 603): void {
    if (this.state !== 'ringing') return;
    this.pendingEndReason = 'rejected';
    this.session.terminate({ status_code: status, reason_phrase: status === 486 ? 'Busy Here' : 'Decline' });
  }

  /** Ends the call whatever its state (cancel, reject or BYE), naming why. */
  end(reason: CallEndReason = 'hangup_local'): void {
    if (this.state === 'ended') return;
    this.pendingEndReason ??= reason;
    try {
      if (!this.session.isEnded()) this.session.terminate();
    } catch {
      // JsSIP throws when the session is already going away.
    }
    // The session may not emit ended/failed (e.g. terminate on a dead transport): finish anyway.
    this.finish(this.pendingEndReason);
  }

  hold(): void {
    if (this.state === 'active') this.session.hold();
  }

  resume(): void {
    if (this.state === 'held') this.session.unhold();
  }

  setMuted(muted: boolean): void {
    if (muted) this.session.mute({ audio: true });
    else this.session.unmute({ audio: true });
    this.muted = muted;
    this.events.change(this);
  }

  sendDtmf(tones: string): void {
    if (this.state !== 'active') return;
    this.session.sendDTMF(tones, {
      duration: 100,
      interToneGap: 70,
      transportType: (this.options.dtmfMode === 'info' ? 'INFO' : 'RFC2833') as never,
    });
  }

  /** Blind transfer: REFER the remote party to `target`; the call ends as transferred once accepted. */
  blindTransfer(target: string, label: string): Promise<void> {
    return this.refer(target, label);
  }

  /** Attended transfer: REFER with Replaces, joining our remote party to `consultation`'s remote party. */
  attendedTransfer(consultation: SipCall, label: string): Promise<void> {
    return this.refer(consultation.session.remote_identity.uri.toString(), label, consultation);
  }

  private refer(target: string, label: string, replaces?: SipCall): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (ok: boolean, why: string): void => (ok ? resolve() : reject(new Error(why)));
      this.session.refer(target, {
        ...(replaces ? { replaces: replaces.session } : {}),
        eventHandlers: {
          // 202 Accepted means the other side will try; a 2xx NOTIFY says it reached the target.
          accepted: () => {
            this.transferredTo = label;
            this.pendingEndReason = 'transferred';
            done(true, '');
            this.end('transferred');
            if (replaces) replaces.end('transferred');
          },
          failed: () => done(false, 'transfer_failed'),
          requestFailed: () => done(false, 'transfer_refused'),
        },
      });
    });
  }

  /**
   * Mid-call microphone switch: the new device's track (same processing constraints) replaces the
   * one being sent, without renegotiation. Before there is a track to replace (ringing, connecting)
   * only the choice is remembered: the answer or the INVITE takes the new device.
   */
  async switchMicrophone(deviceId: string): Promise<void> {
    this.options.microphoneId = deviceId;
    const pc = this.session.connection;
    if (!pc || !pc.getSenders().some((sender) => sender.track?.kind === 'audio')) return;
    const track = await switchMicrophone(pc, deviceId, this.muted);
    if (this.state === 'ended') {
      track?.stop(); // the call ended while the device opened
      return;
    }
    if (track) {
      this.meter?.close();
      this.meter = new LevelMeter(new MediaStream([track]));
    }
  }

  async switchSpeaker(deviceId: string): Promise<void> {
    this.options.speakerId = deviceId;
    if (this.remoteAudio) await routeTo(this.remoteAudio, deviceId);
  }

  /** The microphone level 0..1 (null when there is no local audio yet). */
  inputLevel(): number | null {
    if (!this.meter) {
      const track = this.session.connection?.getSenders().find((sender) => sender.track?.kind === 'audio')?.track;
      if (!track) return null;
      this.meter = new LevelMeter(new MediaStream([track]));
    }
    return this.muted ? 0 : this.meter.level();
  }

  private startStats(): void {
    if (this.statsTimer) return;
    this.statsTimer = setInterval(() => void this.readStats(), 2000);
  }

  private async readStats(): Promise<void> {
    const pc = this.session.connection;
    if (!pc || this.state === 'ended') return;
    const sample = sampleFromStats(await pc.getStats());
    if (!sample) return;
    this.quality = quality(this.lastSample, sample);
    this.lastSample = sample;
    this.events.change(this);
  }

  private finish(reason: CallEndReason): void {
    if (this.state === 'ended') return;
    const wasAnswered = this.answered;
    this.state = 'ended';
    this.endReason = reason;
    this.endedAt = Date.now();
    this.clearSetupTimer();
    for (const timer of [this.iceTimer, this.disconnectTimer]) if (timer) clearTimeout(timer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.meter?.close();
    this.meter = null;
    if (this.remoteAudio) {
      this.remoteAudio.pause();
      this.remoteAudio.srcObject = null;
      this.remoteAudio = null;
    }
    // Local tracks: JsSIP stops the ones it got from getUserMedia; a switched-in one is ours.
    this.session.connection?.getSenders().forEach((sender) => sender.track?.stop());
    this.events.ended(this, reason, wasAnswered);
  }
}

function failureReason(originator: string, cause: string): CallEndReason {
  switch (cause) {
    case 'Canceled':
      return originator === 'remote' ? 'canceled' : 'hangup_local';
    case 'Busy':
      return 'busy';
    case 'Rejected':
      return originator === 'local' ? 'rejected' : 'busy';
    case 'No Answer':
    case 'Expires':
      return 'no_answer';
    case 'Not Found':
      return 'not_found';
    case 'Unavailable':
    case 'Request Timeout':
      return 'unavailable';
    case 'Authentication Error':
      return 'auth_failed';
    case 'Connection Error':
      return 'connection_error';
    case 'Terminated':
      return originator === 'local' ? 'hangup_local' : 'hangup_remote';
    case 'RTP Timeout':
      return 'media_failed';
    default:
      return 'failed';
  }
}
