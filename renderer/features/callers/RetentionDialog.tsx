import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, SpinButton, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionView } from '../../../preload/contract';
import { bridge } from '../../bridge';
import { callerErrorText } from './caller-text';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const MONTHS = { min: 1, max: 240 };

/**
 * The retention policy of personal data at this desk: everyone sees it; supervisors and
 * administrators change it and may apply it at once (the core checks the role and audits it).
 */
export function RetentionDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [view, setView] = useState<RetentionView | null>(null);
  const [historyMonths, setHistoryMonths] = useState(24);
  const [personalMonths, setPersonalMonths] = useState(36);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const show = (next: RetentionView): void => {
    setView(next);
    setHistoryMonths(next.policy.historyMonths);
    setPersonalMonths(next.policy.personalMonths);
  };
  useEffect(() => {
    bridge()
      .request('contacts.retention', {})
      .then(show, (failure: unknown) => setMessage({ text: callerErrorText(t, failure), error: true }));
  }, [t]);

  const fail = (failure: unknown): void => setMessage({ text: callerErrorText(t, failure), error: true });
  const save = (): void => {
    bridge()
      .request('contacts.setRetention', { historyMonths, personalMonths })
      .then((next) => {
        show(next);
        setMessage({ text: t('callers.retention.saved'), error: false });
      }, fail);
  };
  const purge = (): void => {
    bridge()
      .request('contacts.purge', {})
      .then((report) => setMessage({ text: t('callers.retention.purged', { calls: report.callsCounted, contacts: report.contactsPurged, callbacks: report.callbacksRemoved }), error: false }), fail);
  };

  const canChange = view?.canChange ?? false;
  const months = (value: number | null | undefined, text: string | undefined): number => {
    const n = value ?? Number.parseInt(text ?? '', 10);
    return Number.isFinite(n) ? Math.min(MONTHS.max, Math.max(MONTHS.min, Math.round(n))) : MONTHS.min;
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined} data-testid="retention-dialog">
        <DialogBody>
          <DialogTitle>{t('callers.retention.title')}</DialogTitle>
          <DialogContent className={styles.body}>
            <Text>{t('callers.retention.explain')}</Text>
            {view ? (
              <>
                <Field label={t('callers.retention.historyMonths')} hint={t('callers.retention.historyHint')}>
                  <SpinButton value={historyMonths} min={MONTHS.min} max={MONTHS.max} disabled={!canChange} onChange={(_, data) => setHistoryMonths(months(data.value, data.displayValue))} />
                </Field>
                <Field label={t('callers.retention.personalMonths')} hint={t('callers.retention.personalHint')}>
                  <SpinButton value={personalMonths} min={MONTHS.min} max={MONTHS.max} disabled={!canChange} onChange={(_, data) => setPersonalMonths(months(data.value, data.displayValue))} />
                </Field>
                {canChange ? null : <Text data-testid="retention-readonly">{t('callers.retention.supervisorOnly')}</Text>}
              </>
            ) : null}
            {message ? <Text role={message.error ? 'alert' : 'status'}>{message.text}</Text> : null}
          </DialogContent>
          <DialogActions>
            {canChange ? (
              <>
                <Button appearance="primary" onClick={save}>
                  {t('callers.retention.save')}
                </Button>
                <Button onClick={purge}>{t('callers.retention.purgeNow')}</Button>
              </>
            ) : null}
            <Button onClick={onClose}>{t('callers.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
