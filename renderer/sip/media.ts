// Microphone, speaker and ringer: getUserMedia with the audio processing the desk wants, output
// routing with setSinkId, a mid-call microphone switch that keeps the same processing, and an
// input level meter. Browser APIs only; no React.

/** The processing every microphone stream gets (also after a mid-call switch). */
export const AUDIO_PROCESSING = { echoCancellation: true, noiseSuppression: true, autoGainControl: true } as const;

export function microphoneConstraints(deviceId: string): MediaStreamConstraints {
  return {
    audio: deviceId && deviceId !== 'default' ? { ...AUDIO_PROCESSING, deviceId: { exact: deviceId } } : { ...AUDIO_PROCESSING },
    video: false,
  };
}


/** Routes an audio element to an output device; 'default' (or no setSinkId) stays on the system default. */
export async function routeTo(element: HTMLAudioElement, deviceId: string): Promise<boolean> {
  if (typeof element.setSinkId !== 'function') return false;
  try {
    await element.setSinkId(deviceId === 'default' ? '' : deviceId);
    return true;
  } catch {
    return false; // the device is gone: the system default keeps playing
  }
}

/** Replaces the call's microphone track with one from another device (same processing constraints). */
export async function switchMicrophone(pc: RTCPeerConnection, deviceId: string, muted: boolean): Promise<MediaStreamTrack | null> {
  const stream = await navigator.mediaDevices.getUserMedia(microphoneConstraints(deviceId));
  const track = stream.getAudioTracks()[0] ?? null;
  if (!track) return null;
  track.enabled = !muted;
  const sender = pc.getSenders().find((candidate) => candidate.track?.kind === 'audio' || candidate.track === null);
  const old = sender?.track ?? null;
  await sender?.replaceTrack(track);
  old?.stop();
  return track;
}

/** An RMS input level 0..1 of a stream, read on demand (the UI polls it a few times a second). */
export class LevelMeter {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    this.context = new AudioContext();
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 512;
    this.buffer = new Float32Array(this.analyser.fftSize);
    this.context.createMediaStreamSource(stream).connect(this.analyser);
  }

  level(): number {
    this.analyser.getFloatTimeDomainData(this.buffer);
    let sum = 0;
    for (const value of this.buffer) sum += value * value;
    return Math.min(1, Math.sqrt(sum / this.buffer.length) * 4);
  }

  close(): void {
    void this.context.close();
  }
}

/** A ringtone made with WebAudio (no file to ship), played on the chosen ringer output. */
export class Ringer {
  private context: AudioContext | null = null;
  private element: HTMLAudioElement | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  get ringing(): boolean {
    return this.context !== null;
  }

  async start(deviceId: string): Promise<void> {
    if (this.context) return;
    const context = new AudioContext();
    this.context = context;
    const destination = context.createMediaStreamDestination();
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(destination);
    const tone = (frequency: number): void => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
    };
    tone(440);
    tone(480);
    // 1 s on, 2 s off (the European ring cadence), scheduled on the audio clock.
    const ring = (): void => {
      const at = context.currentTime;
      gain.gain.setValueAtTime(0.15, at);
      gain.gain.setValueAtTime(0, at + 1);
    };
    ring();
    this.timer = setInterval(ring, 3000);
    const element = new Audio();
    element.dataset.softphone = 'ringer';
    element.srcObject = destination.stream;
    this.element = element;
    await routeTo(element, deviceId);
    await element.play().catch(() => undefined); // autoplay refused: the notification still shows
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.element?.pause();
    if (this.element) this.element.srcObject = null;
    this.element = null;
    void this.context?.close();
    this.context = null;
  }
}
