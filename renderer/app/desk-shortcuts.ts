import type { Settings } from '../../preload/contract';
import { runAgentChange } from '../features/agent/agent-error';
import { setAgentState } from '../features/agent/agent-actions';
import { useSettingsStore } from '../features/settings/settings-store';
import { cycleRegion, focusKbSearch, focusRegion } from './regions';
import type { ShortcutHandlers } from './shortcuts/use-shortcuts';
import { openSignIn } from '../features/auth/auth-actions';
import { useUiStore } from './stores/ui-store';
import { nextThemeChoice } from './theme';

/** Saves an interface change at once: language and theme need no "Save". */
function saveUi(change: (ui: Settings['ui']) => Partial<Settings['ui']>): void {
  const { settings, save } = useSettingsStore.getState();
  if (!settings) return;
  save({ ui: { ...settings.ui, ...change(settings.ui) } }).catch(() => undefined);
}

/** What each shortcut of the registry does on the desk. */
export const deskShortcutHandlers: ShortcutHandlers = {
  help: () => useUiStore.getState().setHelpOpen(true),
  settings: () => useUiStore.getState().openSettings(),
  toggleLanguage: () => saveUi((ui) => ({ language: ui.language === 'pl' ? 'en' : 'pl' })),
  cycleTheme: () => saveUi((ui) => ({ theme: nextThemeChoice(ui.theme) })),
  signIn: openSignIn,
  kbSearch: focusKbSearch,
  focusSoftphone: () => focusRegion('softphone'),
  focusCaller: () => focusRegion('caller'),
  focusKb: () => focusRegion('kb'),
  focusTickets: () => focusRegion('tickets'),
  focusChats: () => focusRegion('chats'),
  nextRegion: () => cycleRegion(1),
  previousRegion: () => cycleRegion(-1),
  agentAvailable: () => runAgentChange(() => setAgentState('available', null)),
  agentBreak: () => runAgentChange(() => setAgentState('not_available', 'break')),
  agentAfterCall: () => runAgentChange(() => setAgentState('after_call_work', null)),
};
