import { Divider, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { agentStateKey } from '../features/agent/agent-actions';
import { useConnectionStore } from './stores/connection-store';
import { useDeskStore } from './stores/desk-store';
import { useStatusStore } from './stores/status-store';

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
});

/** Core connection, backend reachability, unsent work, own state, version: always in sight. */
export function StatusBar() {
  const { t } = useTranslation();
  const styles = useStyles();
  const connection = useConnectionStore((state) => state.state);
  const status = useStatusStore((state) => state.status);
  const version = useDeskStore((state) => state.hello?.appVersion);
  const separator = <Divider vertical className={styles.divider} />;

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
        <Text data-testid="status-unsent">{t('status.unsent', { count: status?.unsentCount ?? 0 })}</Text>
        {separator}
        <Text data-testid="status-agent">{t('status.agent', { state: status ? t(agentStateKey(status.agent.state, status.agent.reason)) : '…' })}</Text>
      </div>
      {version && (
        <Text className={styles.version} data-testid="status-version">
          {t('status.version', { version })}
        </Text>
      )}
    </footer>
  );
}
