import { Button, Field, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/use-now';
import { softphoneEngine } from './softphone-engine';
import { useSoftphoneStore } from './softphone-store';

/** Wrap-up codes the desk offers (a queue that requires one will not let the consultant go without it). */
export const WRAP_UP_CODES = ['information', 'ticket_created', 'transferred', 'complaint', 'wrong_number', 'other'] as const;

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** After-call work: time left, the wrap-up code, and "ready" to become available again. */
export function WrapUpPanel() {
  const { t } = useTranslation();
  const styles = useStyles();
  const wrapUp = useSoftphoneStore((state) => state.wrapUp);
  const now = useNow(wrapUp !== null);
  if (!wrapUp) return null;
  const left = wrapUp.endsAt === null ? null : Math.max(0, Math.ceil((wrapUp.endsAt - now) / 1000));
  const blocked = wrapUp.codeRequired && !wrapUp.code;
  return (
    <section className={styles.wrap} aria-label={t('softphone.wrapUp.title')} data-testid="wrap-up">
      <Text weight="semibold">{t('softphone.wrapUp.title')}</Text>
      {left !== null ? <Text>{t('softphone.wrapUp.timeLeft', { seconds: left })}</Text> : null}
      <Field label={t('softphone.wrapUp.code')} required={wrapUp.codeRequired}>
        <Select value={wrapUp.code ?? ''} onChange={(_, data) => data.value && softphoneEngine()?.setWrapUpCode(data.value)} data-testid="wrap-up-code">
          <option value="">{t('softphone.wrapUp.choose')}</option>
          {WRAP_UP_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`softphone.wrapUp.codes.${code}`)}
            </option>
          ))}
        </Select>
      </Field>
      {blocked && left === null && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('softphone.wrapUp.codeRequired')}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" disabled={blocked} onClick={() => softphoneEngine()?.finishAfterCallWork(true)} data-testid="wrap-up-done">
          {t('softphone.wrapUp.done')}
        </Button>
      </div>
    </section>
  );
}
