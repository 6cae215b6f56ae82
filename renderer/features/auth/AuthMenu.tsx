import { Button, Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger, Text, makeStyles, tokens } from '@fluentui/react-components';
import { PersonRegular, SignOutRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/stores/ui-store';
import { useSettingsStore } from '../settings/settings-store';
import { backendConfigured } from './auth-actions';
import { useAuthStore } from './auth-store';

const useStyles = makeStyles({
  wrap: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1 },
  expired: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** The header's sign-in: "Sign in" while signed out, the consultant's name and "Sign out" after. */
export function AuthMenu() {
  const { t } = useTranslation();
  const styles = useStyles();
  const configured = useSettingsStore((state) => backendConfigured(state.settings?.backend.url));
  const auth = useAuthStore((state) => state.auth);
  const [error, setError] = useState<string | null>(null);

  // No backend address (or a core without sign-in): nothing to sign in to.
  if (!configured || !auth) return null;

  if (auth.state === 'signed_in' && auth.user) {
    const signOut = (): void => {
      setError(null);
      useAuthStore
        .getState()
        .logout()
        .catch((caught: unknown) => setError((caught as Error).message));
    };
    return (
      <div className={styles.wrap}>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <MenuButton icon={<PersonRegular />} data-testid="auth-user" aria-label={t('auth.userMenu', { name: auth.user.name })}>
              {auth.user.name}
            </MenuButton>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem icon={<SignOutRegular />} onClick={signOut} data-testid="auth-sign-out">
                {t('auth.signOut')}
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
        {error && (
          <Text role="alert" className={styles.error}>
            {t('auth.signOutFailed', { message: error })}
          </Text>
        )}
      </div>
    );
  }

  return (
    <div className={styles.wrap}>
      {auth.state === 'expired' && (
        <Text className={styles.expired} data-testid="auth-expired">
          {t('auth.expired')}
        </Text>
      )}
      {/* No tooltip: one left showing under the pointer would take the Escape meant for the dialog. */}
      <Button
        appearance="primary"
        icon={<PersonRegular />}
        aria-keyshortcuts="Control+Shift+O"
        onClick={() => useUiStore.getState().setSignInOpen(true)}
        data-testid="auth-sign-in"
      >
        {t('auth.signIn')}
      </Button>
    </div>
  );
}
