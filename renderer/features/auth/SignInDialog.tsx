import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/stores/ui-store';
import { isBridgeRequestError } from '../../bridge';
import { useSettingsStore } from '../settings/settings-store';
import { useAuthStore } from './auth-store';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  backend: { color: tokens.colorNeutralForeground2, wordBreak: 'break-all' },
});

/** Error codes the sign-in explains; anything else is shown with its technical message. */
const KNOWN_ERRORS = new Set(['auth_failed', 'rate_limited', 'backend_unreachable', 'backend_not_configured', 'disconnected', 'timeout']);

type FieldName = 'username' | 'password';

/** Sign-in at the city backend: user name and password, Enter submits, errors said plainly. */
export default function SignInDialog() {
  const { t } = useTranslation();
  const styles = useStyles();
  const close = () => useUiStore.getState().setSignInOpen(false);
  const backendUrl = useSettingsStore((state) => state.settings?.backend.url ?? '');
  const expired = useAuthStore((state) => state.auth?.state === 'expired');
  const lastUser = useAuthStore((state) => state.auth?.user?.username ?? '');
  const [username, setUsername] = useState(lastUser);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const missing: Partial<Record<FieldName, string>> = {};
    if (username.trim() === '') missing.username = t('auth.field.required', { field: t('auth.username') });
    if (password === '') missing.password = t('auth.field.required', { field: t('auth.password') });
    setFieldErrors(missing);
    setError(null);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      await useAuthStore.getState().login(username.trim(), password);
      close();
    } catch (caught) {
      setPassword('');
      if (isBridgeRequestError(caught) && caught.code === 'invalid_params' && caught.issues.length > 0) {
        const fields: Partial<Record<FieldName, string>> = {};
        for (const issue of caught.issues) {
          const name: FieldName = issue.field === 'password' ? 'password' : 'username';
          const label = t(`auth.${name}`);
          fields[name] = t(`auth.field.${issue.code}`, { field: label, defaultValue: t('auth.field.invalid', { field: label }) });
        }
        setFieldErrors(fields);
      } else if (isBridgeRequestError(caught) && KNOWN_ERRORS.has(caught.code)) {
        setError(t(`auth.error.${caught.code}`));
      } else {
        setError(t('auth.error.other', { message: (caught as Error).message }));
      }
      requestAnimationFrame(() => passwordRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && close()}>
      <DialogSurface aria-describedby="sign-in-backend">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t('auth.title')}</DialogTitle>
            <DialogContent className={styles.form}>
              <Text id="sign-in-backend" className={styles.backend}>
                {expired ? t('auth.expiredIntro', { url: backendUrl }) : t('auth.intro', { url: backendUrl })}
              </Text>
              {error && (
                <MessageBar intent="error" layout="multiline" data-testid="sign-in-error">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              )}
              <Field label={t('auth.username')} required validationMessage={fieldErrors.username}>
                <Input value={username} onChange={(_, data) => setUsername(data.value)} autoComplete="username" autoFocus={lastUser === ''} maxLength={100} />
              </Field>
              <Field label={t('auth.password')} required validationMessage={fieldErrors.password}>
                <Input
                  ref={passwordRef}
                  type="password"
                  value={password}
                  onChange={(_, data) => setPassword(data.value)}
                  autoComplete="current-password"
                  autoFocus={lastUser !== ''}
                  maxLength={200}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              {/* The button keeps its look while signing in (a second Enter is ignored): the spinner says it is busy. */}
              {busy && <Spinner size="tiny" label={t('auth.signingIn')} />}
              <Button appearance="primary" type="submit" aria-disabled={busy || undefined}>
                {t('auth.submit')}
              </Button>
              <Button type="button" onClick={close}>
                {t('common.cancel')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
