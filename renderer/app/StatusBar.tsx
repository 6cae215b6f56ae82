import { Button, Divider, Text, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSyncRegular, ErrorCircleRegular, WarningRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { agentStateKey } from '../features/agent/agent-actions';
import { ageText, syncStateText } from '../features/sync/sync-text';
import { useSyncStore } from '../features/sync/sync-store';
import { useConnectionStore } from './stores/connection-store';
import { useDeskStore } from './stores/desk-store';
import { useStatusStore } from './stores/status-store';
import { useUiStore } from './stores/ui-store';
import { useNow } from './use-now';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground1,
  },
  live: { display: 'contents' },
  warn: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  version: { marginLeft: 'auto', color: tokens.colorNeutralForeground2 },
  divider: { flexGrow: 0, height: '1em' },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** Core connection, backend reachability, sync and unsent work, own state, version: always in sight. */
export function StatusBar() {
  const { t } = useTranslation();
  const styles = useStyles();
  const connection = useConnectionStore((state) => state.state);
  const status = useStatusStore((state) => state.status);
  const sync = useSyncStore((state) => state.sync);
  const sendError = useSyncStore((state) => state.sendError);
  const latestUnsent = useSyncStore((state) => state.unsentCount);
  const version = useDeskStore((state) => state.hello?.appVersion);
  const separator = <Divider vertical className={styles.divider} />;
  // Tick only while something counts down or ages.
  const now = useNow(sync !== null && (sync.state === 'waiting' || sync.oldestUnsentAt !== null));

  const unsent = latestUnsent ?? status?.unsentCount ?? 0;
  const troubled = sync !== null && (sync.state === 'waiting' || sync.state === 'offline' || (sync.state === 'signed_out' && unsent > 0));
  // Shown whenever there is a backend to send to, so it never vanishes from under the focus;
  // disabled (but still focusable) while a round is running.
  const canSend = sync !== null && sync.state !== 'not_configured' && sync.state !== 'signed_out';

  return (
    <footer className={styles.bar} aria-label={t('status.barLabel')}>
      {/* Polite: a changed count or state is announced without interrupting the call. */}
      <div role="status" aria-live="polite" className={styles.live}>
        <Text data-testid="status-core" className={connection === 'connected' ? undefined : styles.warn}>
          {t('status.core', { state: t(`connection.${connection}`) })}
        </Text>
        {separator}
        <Text data-testid="status-backend" className={status?.backend === 'unreachable' ? styles.warn : undefined}>
          {t('status.backend', { state: status ? t(`backend.${status.backend}`) : '…' })}
        </Text>
        {separator}
        {sync && (
          <>
            <Text data-testid="status-sync" data-sync-state={sync.state} className={troubled ? styles.warn : undefined}>
              {t('sync.label', { state: syncStateText(t, sync, now) })}
            </Text>
            {separator}
          </>
        )}
        <Text data-testid="status-unsent" data-count={unsent}>
          {t('status.unsent', { count: unsent })}
        </Text>
        {sync?.oldestUnsentAt != null && unsent > 0 && <Text data-testid="status-oldest">{t('sync.oldest', { age: ageText(t, sync.oldestUnsentAt, now) })}</Text>}
        {separator}
        <Text data-testid="status-agent">{t('status.agent', { state: status ? t(agentStateKey(status.agent.state, status.agent.reason)) : '…' })}</Text>
      </div>
      {sync && (sync.lastError || sendError || sync.needsReviewCount > 0 || canSend) && (
        <div className={styles.actions}>
          {(sync.lastError || sendError) && (
            <Tooltip content={t('sync.lastError', { message: sendError ?? sync.lastError })} relationship="label">
              <Button size="small" appearance="subtle" icon={<ErrorCircleRegular />} data-testid="sync-last-error" />
            </Tooltip>
          )}
          {sync.needsReviewCount > 0 && (
            <Button size="small" icon={<WarningRegular />} onClick={() => useUiStore.getState().setReviewOpen(true)} data-testid="sync-review">
              {t('sync.needsReview', { count: sync.needsReviewCount })}
            </Button>
          )}
          {canSend && (
            <Button
              size="small"
              icon={<ArrowSyncRegular />}
              disabledFocusable={sync.state === 'sending'}
              onClick={() => void useSyncStore.getState().sendNow()}
              data-testid="sync-send-now"
            >
              {t('sync.sendNow')}
            </Button>
          )}
        </div>
      )}
      {version && (
        <Text className={styles.version} data-testid="status-version">
          {t('status.version', { version })}
        </Text>
      )}
    </footer>
  );
}
