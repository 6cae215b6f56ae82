import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isSipConfigured } from '../../../preload/contract';
import { Region } from '../../app/Region';
import { StateLine } from '../../app/StateLine';
import { useUiStore } from '../../app/stores/ui-store';
import { bridge } from '../../bridge';
import { useSettingsStore } from '../settings/settings-store';
import { CallCard } from './CallCard';
import { DialPad } from './DialPad';
import { softphoneEngine, startSoftphoneEngine } from './softphone-engine';
import { useSoftphoneStore } from './softphone-store';
import type { RegistrationView } from './softphone-store';
import { WrapUpPanel } from './WrapUpPanel';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  dial: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  grow: { flexGrow: 1 },
});

function registrationText(t: TFunction, registration: RegistrationView): string {
  switch (registration.state) {
    case 'failed':
      return t(`softphone.registration.failed.${registration.error}`, { defaultValue: t('softphone.registration.failed.generic') });
    case 'reconnecting':
      return registration.error === 'no_websocket' ? t('softphone.registration.failed.no_websocket') : t('softphone.registration.reconnecting');
    default:
      return t(`softphone.registration.${registration.state}`);
  }
}

/** The phone region: registration state, the number field and keypad, the calls, after-call work. */
export function SoftphonePanel({ className }: { className?: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const sip = useSettingsStore((state) => state.settings?.sip);
  const registration = useSoftphoneStore((state) => state.registration);
  const calls = useSoftphoneStore((state) => state.calls);
  const details = useSoftphoneStore((state) => state.details);
  const lastEnded = useSoftphoneStore((state) => state.lastEnded);
  const callRequest = useSoftphoneStore((state) => state.callRequest);
  const dismissCallRequest = useSoftphoneStore((state) => state.dismissCallRequest);
  const openSettings = useUiStore((state) => state.openSettings);
  const configured = sip ? isSipConfigured(sip) : false;
  const [number, setNumber] = useState('');
  const [dialError, setDialError] = useState<string | null>(null);
  const [showPad, setShowPad] = useState(false);

  useEffect(() => startSoftphoneEngine(bridge()), []);

  const dial = (input: string): boolean => {
    const result = softphoneEngine()?.dial(input) ?? { ok: false as const, error: 'not_registered' as const };
    setDialError(result.ok ? null : t(`softphone.error.${result.error}`));
    return result.ok;
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (dial(number)) setNumber('');
  };
  const registered = registration.state === 'registered';

  return (
    <Region region="softphone" className={className} title={t('softphone.title')}>
      <div className={styles.body}>
        {configured && sip ? (
          <>
            <StateLine strong testId="softphone-state">
              <span role="status" data-registration={registration.state}>
                {registrationText(t, registration)}
              </span>
            </StateLine>
            <StateLine>{t('softphone.account', { uri: sip.uri })}</StateLine>
            {registration.state === 'failed' && (
              <div>
                <Button onClick={() => openSettings('sip')}>{t('softphone.configure')}</Button>
              </div>
            )}
          </>
        ) : (
          <>
            <StateLine strong testId="softphone-state">
              {t('softphone.notConfigured')}
            </StateLine>
            <div>
              <Button appearance="primary" onClick={() => openSettings('sip')}>
                {t('softphone.configure')}
              </Button>
            </div>
          </>
        )}

        {configured && (
          <form className={styles.dial} onSubmit={submit} aria-label={t('softphone.dial.form')}>
            <Field className={styles.grow} label={t('softphone.dial.number')} validationMessage={dialError ?? undefined} validationState={dialError ? 'error' : 'none'}>
              <Input
                value={number}
                onChange={(_, data) => {
                  setNumber(data.value.slice(0, 256));
                  setDialError(null);
                }}
                inputMode="tel"
                autoComplete="off"
                spellCheck={false}
                data-testid="dial-number"
              />
            </Field>
            <Button type="submit" appearance="primary" disabled={!registered} data-testid="dial-call">
              {t('softphone.dial.call')}
            </Button>
            <Button aria-expanded={showPad} onClick={() => setShowPad(!showPad)}>
              {t('softphone.dial.keypad')}
            </Button>
          </form>
        )}
        {configured && showPad && <DialPad label={t('softphone.keypad.numberLabel')} onKey={(key) => setNumber((value) => `${value}${key}`)} />}

        {calls.map((call) => (
          <CallCard key={call.id} call={call} details={details[call.id]} />
        ))}

        <WrapUpPanel />

        {lastEnded && calls.length === 0 && (
          <Text data-testid="softphone-last-ended">
            {t('softphone.lastEnded', { name: lastEnded.remoteName ?? lastEnded.remoteNumber, reason: t(`softphone.endReason.${lastEnded.reason}`) })}
          </Text>
        )}

        {callRequest && (
          <MessageBar intent="info" data-testid="call-request">
            <MessageBarBody>
              <MessageBarTitle>{t('softphone.callRequest', { number: callRequest.target })}</MessageBarTitle>
              {!configured ? t('softphone.callRequestNotConfigured') : !registered ? t('softphone.callRequestNotConnected') : null}
            </MessageBarBody>
            <MessageBarActions>
              {registered && (
                <Button
                  appearance="primary"
                  onClick={() => {
                    if (dial(callRequest.target)) dismissCallRequest();
                  }}
                  data-testid="call-request-dial"
                >
                  {t('softphone.dial.call')}
                </Button>
              )}
              <Button appearance="transparent" onClick={dismissCallRequest}>
                {t('common.dismiss')}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
      </div>
    </Region>
  );
}
