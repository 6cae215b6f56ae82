import { Button, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { KeyboardRegular, SettingsRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { AgentStateMenu } from '../features/agent/AgentStateMenu';
import { AuthMenu } from '../features/auth/AuthMenu';
import { useUiStore } from './stores/ui-store';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, marginRight: 'auto' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function DeskHeader() {
  const { t } = useTranslation();
  const styles = useStyles();
  const openSettings = useUiStore((state) => state.openSettings);
  const setHelpOpen = useUiStore((state) => state.setHelpOpen);
  return (
    <header className={styles.header}>
      <h1 className={styles.title}>{t('app.title')}</h1>
      <AgentStateMenu />
      <div className={styles.actions}>
        <AuthMenu />
        <Tooltip content={t('header.helpTooltip')} relationship="description">
          <Button icon={<KeyboardRegular />} onClick={() => setHelpOpen(true)}>
            {t('header.help')}
          </Button>
        </Tooltip>
        <Tooltip content={t('header.settingsTooltip')} relationship="description">
          <Button icon={<SettingsRegular />} onClick={() => openSettings()}>
            {t('header.settings')}
          </Button>
        </Tooltip>
      </div>
    </header>
  );
}
