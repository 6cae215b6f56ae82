import { Button, FluentProvider, MessageBar, Toaster, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import { useSettingsStore } from '../features/settings/settings-store';
import { DeskLayout } from './DeskLayout';
import { load } from './desk-sync';
import { deskShortcutHandlers } from './desk-shortcuts';
import { applyLanguage } from './i18n';
import { useShortcuts } from './shortcuts/use-shortcuts';
import { useDeskStore } from './stores/desk-store';
import { useUiStore } from './stores/ui-store';
import { StoreFailureScreen } from './StoreFailureScreen';
import { DESK_TOASTER_ID } from './toaster';
import { THEMES, useEffectiveTheme } from './theme';

// Loaded on first use: they are not needed to show the desk.
const SettingsDialog = lazy(() => import('../features/settings/SettingsDialog'));
const ShortcutHelp = lazy(() => import('./shortcuts/ShortcutHelp'));
const SignInDialog = lazy(() => import('../features/auth/SignInDialog'));
const ReviewPanel = lazy(() => import('../features/sync/ReviewPanel'));

const useStyles = makeStyles({
  provider: { height: '100%', backgroundColor: tokens.colorNeutralBackground2 },
  centered: { display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center', padding: tokens.spacingHorizontalXXL },
});

export function App() {
  const styles = useStyles();
  const themeChoice = useSettingsStore((state) => state.settings?.ui.theme ?? 'system');
  const language = useSettingsStore((state) => state.settings?.ui.language);
  const theme = useEffectiveTheme(themeChoice);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);

  return (
    // No className on the provider: Fluent copies it onto every portal (dialogs, tooltips), where a
    // full-height background would cover the page.
    <FluentProvider theme={THEMES[theme]}>
      <div className={styles.provider}>
        <Screen />
      </div>
    </FluentProvider>
  );
}

function Screen() {
  const { t } = useTranslation();
  const styles = useStyles();
  const phase = useDeskStore((state) => state.phase);
  const hello = useDeskStore((state) => state.hello);
  const loadError = useDeskStore((state) => state.loadError);

  if (phase === 'store_failed' && hello?.store.state === 'failed') return <StoreFailureScreen store={hello.store} />;
  if (phase === 'ready') return <Desk />;
  if (phase === 'load_failed') {
    return (
      <main className={styles.centered}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('app.loadFailed')}</MessageBarTitle>
            {loadError}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void load(bridge())}>{t('common.retry')}</Button>
          </MessageBarActions>
        </MessageBar>
      </main>
    );
  }
  return (
    <main className={styles.centered}>
      <Spinner label={t('app.connecting')} />
    </main>
  );
}

function Desk() {
  const settingsOpen = useUiStore((state) => state.settingsOpen);
  const helpOpen = useUiStore((state) => state.helpOpen);
  const signInOpen = useUiStore((state) => state.signInOpen);
  const reviewOpen = useUiStore((state) => state.reviewOpen);
  useShortcuts(deskShortcutHandlers);
  return (
    <>
      <DeskLayout />
      <Suspense fallback={null}>
        {settingsOpen && <SettingsDialog />}
        {helpOpen && <ShortcutHelp />}
        {signInOpen && <SignInDialog />}
        {reviewOpen && <ReviewPanel />}
      </Suspense>
      <Toaster toasterId={DESK_TOASTER_ID} position="bottom-end" />
    </>
  );
}
