import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkedItem } from '../../../preload/contract';
import { useUiStore } from '../../app/stores/ui-store';
import { bridge } from '../../bridge';
import { useSyncStore } from './sync-store';

const useStyles = makeStyles({
  surface: { maxWidth: '820px', width: '92vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  itemTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, wordBreak: 'break-word' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  payload: { fontFamily: tokens.fontFamilyMonospace },
});

/** Checks the edited payload: it must be JSON, and a JSON object. Returns an error key or null. */
export function payloadProblem(text: string): 'payload_not_json' | 'payload_not_object' | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'payload_not_json';
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? null : 'payload_not_object';
}

function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/**
 * Work the city backend refused for good waits here for a person: fix the payload and send it
 * again, or discard it (permanent, and recorded in the audit log).
 */
export default function ReviewPanel() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const close = () => useUiStore.getState().setReviewOpen(false);
  const needsReview = useSyncStore((state) => state.sync?.needsReviewCount ?? 0);
  const [items, setItems] = useState<ParkedItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; text: string; problem: string | null } | null>(null);
  const [discarding, setDiscarding] = useState<ParkedItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const reload = useCallback(() => {
    bridge()
      .request('outbox.parked', {})
      .then(
        (parked) => {
          setItems(parked);
          setLoadError(null);
        },
        (error: unknown) => setLoadError((error as Error).message),
      );
  }, []);

  // Load on open, and again whenever the count of items to review changes underneath.
  useEffect(reload, [reload, needsReview]);

  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const resend = async (item: ParkedItem): Promise<void> => {
    const text = editing?.id === item.mutationId ? editing.text : item.payload;
    const problem = payloadProblem(text);
    if (problem) {
      setEditing({ id: item.mutationId, text, problem: t(`review.${problem}`) });
      return;
    }
    setBusy(true);
    setActionError(null);
    try {
      useSyncStore.getState().set(await bridge().request('outbox.resend', { mutationId: item.mutationId, payload: text }));
      setEditing(null);
      setDone(t('review.resent'));
      reload();
    } catch (error) {
      setActionError(t('review.actionFailed', { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const discard = async (item: ParkedItem): Promise<void> => {
    setBusy(true);
    setActionError(null);
    try {
      useSyncStore.getState().set(await bridge().request('outbox.discard', { mutationId: item.mutationId, confirm: true }));
      setDiscarding(null);
      setDone(t('review.discarded'));
      reload();
    } catch (error) {
      setDiscarding(null);
      setActionError(t('review.actionFailed', { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && close()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{t('review.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>{t('review.intro')}</Text>
            <div aria-live="polite">
              {done && (
                <MessageBar intent="success" data-testid="review-done">
                  <MessageBarBody>{done}</MessageBarBody>
                </MessageBar>
              )}
            </div>
            {actionError && (
              <MessageBar intent="error" role="alert" data-testid="review-error">
                <MessageBarBody>{actionError}</MessageBarBody>
              </MessageBar>
            )}
            {loadError && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>{t('review.loadFailed', { message: loadError })}</MessageBarBody>
              </MessageBar>
            )}
            {items === null && !loadError && <Spinner size="tiny" label={t('review.loading')} />}
            {items?.length === 0 && <Text data-testid="review-empty">{t('review.empty')}</Text>}
            {items && items.length > 0 && (
              <ul className={styles.list} data-testid="review-list">
                {items.map((item) => {
                  const titleId = `review-${item.mutationId}`;
                  const edit = editing?.id === item.mutationId ? editing : null;
                  return (
                    <li key={item.mutationId} className={styles.item} aria-labelledby={titleId} data-testid="review-item">
                      <h3 id={titleId} className={styles.itemTitle}>
                        {t('review.itemTitle', { entity: item.entity, kind: item.kind })}
                      </h3>
                      <dl className={styles.facts}>
                        <dt className={styles.term}>{t('review.reason')}</dt>
                        <dd className={styles.value} data-testid="review-reason">
                          {item.reason}
                        </dd>
                        <dt className={styles.term}>{t('review.entityId')}</dt>
                        <dd className={styles.value}>{item.entityId}</dd>
                        <dt className={styles.term}>{t('review.created')}</dt>
                        <dd className={styles.value}>{dateTime.format(new Date(item.createdAt))}</dd>
                        <dt className={styles.term}>{t('review.attempts')}</dt>
                        <dd className={styles.value}>{item.attempts}</dd>
                      </dl>
                      {edit && (
                        <Field label={t('review.payloadLabel')} validationMessage={edit.problem ?? undefined} hint={t('review.payloadHint')}>
                          <Textarea
                            className={styles.payload}
                            value={edit.text}
                            rows={10}
                            resize="vertical"
                            spellCheck={false}
                            data-testid="review-payload"
                            onChange={(_, data) => setEditing({ id: item.mutationId, text: data.value, problem: null })}
                          />
                        </Field>
                      )}
                      <div className={styles.buttons}>
                        {edit ? (
                          <>
                            <Button appearance="primary" disabled={busy} onClick={() => void resend(item)} data-testid="review-send">
                              {t('review.send')}
                            </Button>
                            <Button disabled={busy} onClick={() => setEditing(null)}>
                              {t('common.cancel')}
                            </Button>
                          </>
                        ) : (
                          <Button
                            appearance="primary"
                            disabled={busy}
                            onClick={() => {
                              setDone(null);
                              setEditing({ id: item.mutationId, text: prettyPayload(item.payload), problem: null });
                            }}
                            data-testid="review-fix"
                          >
                            {t('review.fix')}
                          </Button>
                        )}
                        <Button
                          disabled={busy}
                          onClick={() => {
                            setDone(null);
                            setDiscarding(item);
                          }}
                          data-testid="review-discard"
                        >
                          {t('review.discard')}
                        </Button>
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
            {/* Nested in the content, as Fluent expects a dialog opened from a dialog. */}
            {discarding && (
              <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && setDiscarding(null)}>
                <DialogSurface>
                  <DialogBody>
                    <DialogTitle>{t('review.confirmTitle')}</DialogTitle>
                    <DialogContent>{t('review.confirmBody', { entity: discarding.entity, kind: discarding.kind })}</DialogContent>
                    <DialogActions>
                      <Button appearance="primary" disabled={busy} onClick={() => void discard(discarding)} data-testid="review-confirm-discard">
                        {t('review.confirmDiscard')}
                      </Button>
                      <Button disabled={busy} onClick={() => setDiscarding(null)}>
                        {t('common.cancel')}
                      </Button>
                    </DialogActions>
                  </DialogBody>
                </DialogSurface>
              </Dialog>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>{t('common.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
