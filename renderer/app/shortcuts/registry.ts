/**
 * Every keyboard shortcut of the desk, in one table: the key handler matches against it and the
 * F1 overlay lists it, so the help can never drift from what the keys do.
 *
 * Rules: no browser-reserved keys (Ctrl+T/W/N, Ctrl+Shift+T…), no Ctrl+Alt combinations (that is
 * AltGr on a Polish keyboard: "ą", "ę"…), and nothing without Ctrl/Alt or a function key, so
 * typing in a field never triggers anything.
 */
export interface KeyCombo {
  /** KeyboardEvent.code: the physical key, the same on every keyboard layout. */
  code: string;
  /** What the key is called on the keycap. */
  key: string;
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export type ShortcutGroup = 'general' | 'navigation' | 'agent' | 'chats';

export const REGION_ORDER = ['softphone', 'caller', 'kb', 'tickets', 'chats'] as const;
export type RegionId = (typeof REGION_ORDER)[number];

const fn = (key: string): KeyCombo => ({ code: key, key });
const ctrl = (code: string, key: string): KeyCombo => ({ code, key, ctrl: true });
const ctrlShift = (code: string, key: string): KeyCombo => ({ code, key, ctrl: true, shift: true });
const alt = (code: string, key: string): KeyCombo => ({ code, key, alt: true });

export const SHORTCUTS = [
  { id: 'help', group: 'general', keys: [fn('F1')] },
  { id: 'settings', group: 'general', keys: [ctrl('Comma', ',')] },
  { id: 'toggleLanguage', group: 'general', keys: [ctrlShift('KeyL', 'L')] },
  { id: 'cycleTheme', group: 'general', keys: [ctrlShift('KeyY', 'Y')] },
  { id: 'signIn', group: 'general', keys: [ctrlShift('KeyO', 'O')] },
  { id: 'kbSearch', group: 'navigation', keys: [ctrl('KeyK', 'K'), fn('F3')] },
  { id: 'focusSoftphone', group: 'navigation', keys: [alt('Digit1', '1')] },
  { id: 'focusCaller', group: 'navigation', keys: [alt('Digit2', '2')] },
  { id: 'focusKb', group: 'navigation', keys: [alt('Digit3', '3')] },
  { id: 'focusTickets', group: 'navigation', keys: [alt('Digit4', '4')] },
  { id: 'focusChats', group: 'navigation', keys: [alt('Digit5', '5')] },
  { id: 'nextRegion', group: 'navigation', keys: [fn('F6')] },
  { id: 'previousRegion', group: 'navigation', keys: [{ code: 'F6', key: 'F6', shift: true }] },
  { id: 'agentAvailable', group: 'agent', keys: [ctrlShift('KeyA', 'A')] },
  { id: 'agentBreak', group: 'agent', keys: [ctrlShift('KeyB', 'B')] },
  { id: 'agentAfterCall', group: 'agent', keys: [ctrlShift('KeyP', 'P')] },
  // Chats: handled by the chats panel while the focus is in it (renderer/features/chats/ChatsPanel.tsx).
  { id: 'chatNext', group: 'chats', keys: [alt('PageDown', 'PageDown')] },
  { id: 'chatPrevious', group: 'chats', keys: [alt('PageUp', 'PageUp')] },
  { id: 'chatCannedReply', group: 'chats', keys: [alt('Insert', 'Insert')] },
  { id: 'chatKbAnswer', group: 'chats', keys: [alt('KeyK', 'K')] },
] as const satisfies readonly { id: string; group: ShortcutGroup; keys: readonly KeyCombo[] }[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];
export type Shortcut = (typeof SHORTCUTS)[number];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['general', 'navigation', 'agent', 'chats'];

/** "Ctrl+Shift+A": modifier names are the same in Polish and English. */
export function comboLabel(combo: KeyCombo): string {
  return [combo.ctrl && 'Ctrl', combo.alt && 'Alt', combo.shift && 'Shift', combo.key].filter(Boolean).join('+');
}

export function matches(combo: KeyCombo, event: KeyboardEvent): boolean {
  return (
    event.code === combo.code &&
    (event.ctrlKey || event.metaKey) === Boolean(combo.ctrl) &&
    event.shiftKey === Boolean(combo.shift) &&
    event.altKey === Boolean(combo.alt)
  );
}

export function findShortcut(event: KeyboardEvent): Shortcut | undefined {
  return SHORTCUTS.find((shortcut) => shortcut.keys.some((combo: KeyCombo) => matches(combo, event)));
}
