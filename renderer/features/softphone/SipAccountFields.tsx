import { Button, Field, Input, Select } from '@fluentui/react-components';
import type { FieldProps } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretKind } from '../../../preload/contract';
import { bridge } from '../../bridge';
import { usePendingSecrets } from './sip-secrets';

interface SipExtraDraft {
  stunUrl: string;
  turnUrl: string;
  turnUsername: string;
  dtmfMode: 'rfc2833' | 'info';
  reconnectMaxSeconds: string;
  afterCallWorkSeconds: string;
}

interface SipAccountFieldsProps {
  draft: SipExtraDraft;
  onChange(field: keyof SipExtraDraft, value: string): void;
  fieldProps(field: string): Partial<FieldProps>;
}

/** The softphone's part of the SIP settings: password, STUN/TURN, DTMF, reconnect bound, after-call work. */
export function SipAccountFields({ draft, onChange, fieldProps }: SipAccountFieldsProps) {
  const { t } = useTranslation();
  const pending = usePendingSecrets((state) => state.values);
  const setPending = usePendingSecrets((state) => state.set);
  const [stored, setStored] = useState({ sipPasswordSet: false, turnCredentialSet: false });

  useEffect(() => {
    usePendingSecrets.getState().reset();
    bridge().request('softphone.secretState', {}).then(setStored, () => undefined);
    return () => usePendingSecrets.getState().reset();
  }, []);

  const secret = (kind: SecretKind, label: string, isSet: boolean, testId: string) => (
    <Field label={label} hint={pending[kind] === '' ? t('softphone.settings.secretWillClear') : isSet ? t('softphone.settings.secretStored') : t('softphone.settings.secretMissing')}>
      <Input
        type="password"
        data-field={`sip.${kind}`}
        data-testid={testId}
        value={pending[kind] ?? ''}
        onChange={(_, data) => setPending(kind, data.value === '' ? undefined : data.value)}
        autoComplete="new-password"
        contentAfter={
          isSet ? (
            <Button appearance="transparent" size="small" onClick={() => setPending(kind, '')}>
              {t('softphone.settings.forget')}
            </Button>
          ) : undefined
        }
      />
    </Field>
  );

  const text = (field: keyof SipExtraDraft, label: string, hint?: string, inputMode?: 'numeric') => (
    <Field label={label} hint={hint} {...fieldProps(`sip.${field}`)}>
      <Input data-field={`sip.${field}`} value={String(draft[field])} onChange={(_, data) => onChange(field, data.value)} spellCheck={false} autoComplete="off" {...(inputMode ? { inputMode } : {})} />
    </Field>
  );

  return (
    <>
      {secret('sip_password', t('softphone.settings.password'), stored.sipPasswordSet, 'sip-password')}
      {text('stunUrl', t('softphone.settings.stunUrl'), t('softphone.settings.stunHint'))}
      {text('turnUrl', t('softphone.settings.turnUrl'), t('softphone.settings.turnHint'))}
      {text('turnUsername', t('softphone.settings.turnUsername'))}
      {secret('turn_credential', t('softphone.settings.turnCredential'), stored.turnCredentialSet, 'turn-credential')}
      <Field label={t('softphone.settings.dtmfMode')} {...fieldProps('sip.dtmfMode')}>
        <Select data-field="sip.dtmfMode" value={draft.dtmfMode} onChange={(_, data) => onChange('dtmfMode', data.value)}>
          <option value="info">{t('softphone.settings.dtmf.info')}</option>
          <option value="rfc2833">{t('softphone.settings.dtmf.rfc2833')}</option>
        </Select>
      </Field>
      {text('reconnectMaxSeconds', t('softphone.settings.reconnectMaxSeconds'), t('softphone.settings.reconnectHint'), 'numeric')}
      {text('afterCallWorkSeconds', t('softphone.settings.afterCallWorkSeconds'), t('softphone.settings.afterCallWorkHint'), 'numeric')}
    </>
  );
}
