import { useEffect, useState } from 'react';

export interface AudioDevice {
  id: string;
  label: string;
}

export interface AudioDevices {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
}

const EMPTY: AudioDevices = { inputs: [], outputs: [] };

/**
 * The machine's microphones and speakers, as far as the browser tells without asking for the
 * microphone (no getUserMedia here): without that permission labels are empty and we number them.
 */
export function useAudioDevices(): AudioDevices {
  const [devices, setDevices] = useState<AudioDevices>(EMPTY);
  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.enumerateDevices) return;
    let alive = true;
    const read = (): void => {
      media.enumerateDevices().then(
        (list) => {
          if (!alive) return;
          // "default" and "communications" are aliases the dialog already offers as the system default.
          const real = list.filter((device) => device.deviceId !== '' && device.deviceId !== 'default' && device.deviceId !== 'communications');
          setDevices({
            inputs: real.filter((device) => device.kind === 'audioinput').map((device) => ({ id: device.deviceId, label: device.label })),
            outputs: real.filter((device) => device.kind === 'audiooutput').map((device) => ({ id: device.deviceId, label: device.label })),
          });
        },
        () => undefined, // no devices to offer: the system default stays the only choice
      );
    };
    read();
    media.addEventListener?.('devicechange', read);
    return () => {
      alive = false;
      media.removeEventListener?.('devicechange', read);
    };
  }, []);
  return devices;
}
