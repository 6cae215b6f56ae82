import { Badge, Button, Field, ProgressBar, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/use-now';
import { DialPad } from './DialPad';
import { softphoneEngine } from './softphone-engine';
import type { ActiveCallView, CallDetails } from './softphone-store';
import { useSoftphoneStore } from './softphone-store';
import { TransferPicker } from './TransferPicker';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  ringing: { outline: `2px solid ${tokens.colorBrandStroke1}` },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

function duration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** One call: who (as text), its state and timer, and what the consultant can do with it now. */
export function CallCard({ call, details }: { call: ActiveCallView; details: CallDetails | undefined }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const now = useNow(call.state !== 'ended');
  const notes = useSoftphoneStore((state) => state.notes[call.id] ?? '');
  const setNotes = useSoftphoneStore((state) => state.setNotes);
  const [panel, setPanel] = useState<'none' | 'dtmf' | 'transfer'>('none');
  const [error, setError] = useState<string | null>(null);
  const engine = softphoneEngine();
  const label = call.remoteName ?? call.remoteNumber;
  const level = useInputLevel(call.id, call.state === 'active' && !details?.muted);

  // The screen-pop benchmark's end: the incoming-call UI is in the DOM.
  useLayoutEffect(() => {
    if (call.state === 'ringing') engine?.markVisible(call.id, performance.now());
  }, [call.id, call.state, engine]);

  const since = call.answeredAt ?? call.startedAt;
  const inCall = call.state === 'active' || call.state === 'held';
  return (
    <section
      className={`${styles.card} ${call.state === 'ringing' ? styles.ringing : ''}`}
      aria-label={t('softphone.call.label', { name: label })}
      data-testid="softphone-call"
      data-call-id={call.id}
      data-call-state={call.state}
    >
      <div className={styles.head}>
        <Text className={styles.name} data-testid="call-remote-name">
          {label}
        </Text>
        <Text data-testid="call-state">
          {t(`softphone.callState.${call.state}`)}
          {details?.queue ? ` · ${t('softphone.call.queue', { queue: details.queue })}` : ''}
        </Text>
      </div>
      {call.remoteName && <Text data-testid="call-remote-number">{call.remoteNumber}</Text>}
      {inCall && (
        <Text data-testid="call-timer" aria-live="off">
          {t('softphone.call.timer', { time: duration(now - since) })}
        </Text>
      )}
      {details?.consultationFor && <Badge appearance="tint">{t('softphone.call.consultation')}</Badge>}

      {call.state === 'ringing' && (
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => engine?.answer(call.id)} data-testid="call-answer">
            {t('softphone.action.answer')}
          </Button>
          <Button onClick={() => engine?.reject(call.id)} data-testid="call-reject">
            {t('softphone.action.reject')}
          </Button>
        </div>
      )}

      {(inCall || call.state === 'connecting') && (
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => engine?.hangup(call.id)} data-testid="call-hangup">
            {t('softphone.action.hangup')}
          </Button>
          {inCall && (
            <>
              <Button
                aria-pressed={call.state === 'held'}
                onClick={() => (call.state === 'held' ? engine?.resume(call.id) : engine?.hold(call.id))}
                data-testid="call-hold"
              >
                {call.state === 'held' ? t('softphone.action.resume') : t('softphone.action.hold')}
              </Button>
              <Button aria-pressed={details?.muted ?? false} onClick={() => engine?.setMuted(call.id, !details?.muted)} data-testid="call-mute">
                {details?.muted ? t('softphone.action.unmute') : t('softphone.action.mute')}
              </Button>
              <Button aria-expanded={panel === 'dtmf'} onClick={() => setPanel(panel === 'dtmf' ? 'none' : 'dtmf')}>
                {t('softphone.action.keypad')}
              </Button>
              <Button aria-expanded={panel === 'transfer'} onClick={() => setPanel(panel === 'transfer' ? 'none' : 'transfer')}>
                {t('softphone.action.transfer')}
              </Button>
              {details?.consultationFor && (
                <Button
                  appearance="primary"
                  data-testid="call-complete-transfer"
                  onClick={() =>
                    void engine?.completeTransfer(call.id).then((result) => setError(result === 'ok' ? null : t(`softphone.error.${result}`)))
                  }
                >
                  {t('softphone.action.completeTransfer')}
                </Button>
              )}
            </>
          )}
        </div>
      )}

      {call.state === 'active' && level !== null && (
        <Field label={t('softphone.call.inputLevel')}>
          <ProgressBar value={level} max={1} thickness="large" data-testid="call-input-level" />
        </Field>
      )}
      {details?.quality && (
        <Text data-testid="call-quality" data-quality={details.quality.level}>
          {t('softphone.quality.summary', {
            level: t(`softphone.quality.${details.quality.level}`),
            mos: details.quality.mos.toFixed(1),
            loss: details.quality.lossPercent.toFixed(1),
            jitter: Math.round(details.quality.jitterMs),
            rtt: details.quality.roundTripMs === null ? '–' : Math.round(details.quality.roundTripMs),
          })}
        </Text>
      )}
      {details?.dtmfReceived && <Text>{t('softphone.call.dtmfReceived', { tones: details.dtmfReceived })}</Text>}

      {panel === 'dtmf' && <DialPad label={t('softphone.keypad.dtmfLabel')} onKey={(key) => engine?.sendDtmf(call.id, key)} />}
      {panel === 'transfer' && (
        <TransferPicker
          onBlind={async (target, name) => {
            const result = (await engine?.blindTransfer(call.id, target, name)) ?? 'transfer_failed';
            setError(result === 'ok' ? null : t(`softphone.error.${result}`));
          }}
          onConsult={(target) => {
            const result = engine?.consult(call.id, target) ?? 'not_registered';
            setError(result === 'ok' ? null : t(`softphone.error.${result}`));
            if (result === 'ok') setPanel('none');
          }}
        />
      )}
      {error && (
        <Text role="alert" data-testid="call-error">
          {error}
        </Text>
      )}
      {(inCall || call.state === 'ringing') && (
        <Field label={t('softphone.call.notes')}>
          <Textarea value={notes} onChange={(_, data) => setNotes(call.id, data.value)} onBlur={() => engine?.saveNotes(call.id)} resize="vertical" maxLength={4000} data-testid="call-notes" />
        </Field>
      )}
    </section>
  );
}

/** The microphone level, polled a few times a second while the call is active and not muted. */
function useInputLevel(id: string, active: boolean): number | null {
  const [level, setLevel] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return setLevel(null);
    const timer = setInterval(() => setLevel(softphoneEngine()?.inputLevel(id) ?? null), 250);
    return () => clearInterval(timer);
  }, [id, active]);
  return level;
}
