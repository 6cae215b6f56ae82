import { useUiStore } from '../../app/stores/ui-store';
import { useSettingsStore } from '../settings/settings-store';

/** Whether a city backend address is set: only then is there anywhere to sign in. */
export function backendConfigured(url: string | undefined): boolean {
  return (url ?? '').trim() !== '';
}

/**
 * Ctrl+Shift+O: the sign-in dialog; with no backend address, the settings where it is entered
 * (signing in has nowhere to go without one).
 */
export function openSignIn(): void {
  const ui = useUiStore.getState();
  if (!backendConfigured(useSettingsStore.getState().settings?.backend.url)) ui.openSettings('backend');
  else ui.setSignInOpen(true);
}
