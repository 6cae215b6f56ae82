import { Field, Select } from '@fluentui/react-components';
import type { FieldProps } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../preload/contract';
import { useAudioDevices } from './use-audio-devices';
import type { AudioDevice } from './use-audio-devices';

type AudioField = keyof Settings['audio'];

interface AudioDeviceFieldsProps {
  audio: Settings['audio'];
  onChange(field: AudioField, value: string): void;
  fieldProps(field: string): Partial<FieldProps>;
}

/** Microphone, call speaker and ringer: the system default always, real devices when the browser lists them. */
export function AudioDeviceFields({ audio, onChange, fieldProps }: AudioDeviceFieldsProps) {
  const { t } = useTranslation();
  const { inputs, outputs } = useAudioDevices();
  const rows: { field: AudioField; label: string; devices: AudioDevice[]; kind: 'input' | 'output' }[] = [
    { field: 'microphoneId', label: t('settings.field.microphone'), devices: inputs, kind: 'input' },
    { field: 'speakerId', label: t('settings.field.speaker'), devices: outputs, kind: 'output' },
    { field: 'ringerId', label: t('settings.field.ringer'), devices: outputs, kind: 'output' },
  ];
  return (
    <>
      {rows.map((row) => {
        const value = audio[row.field];
        const missing = value !== 'default' && !row.devices.some((device) => device.id === value);
        return (
          <Field key={row.field} label={row.label} {...fieldProps(`audio.${row.field}`)}>
            <Select data-field={`audio.${row.field}`} value={value} onChange={(_, data) => onChange(row.field, data.value)}>
              <option value="default">{t('settings.audio.systemDefault')}</option>
              {row.devices.map((device, index) => (
                <option key={device.id} value={device.id}>
                  {device.label || t(`settings.audio.unnamed.${row.kind}`, { number: index + 1 })}
                </option>
              ))}
              {missing && <option value={value}>{t('settings.audio.savedMissing')}</option>}
            </Select>
          </Field>
        );
      })}
    </>
  );
}
