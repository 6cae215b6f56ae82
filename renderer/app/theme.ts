import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';
import type { ThemeChoice } from '../../preload/contract';

export type EffectiveTheme = 'light' | 'dark' | 'high-contrast';

export const THEMES: Record<EffectiveTheme, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  'high-contrast': teamsHighContrastTheme,
};

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark', 'high-contrast'];

const QUERIES = ['(prefers-color-scheme: dark)', '(forced-colors: active)', '(prefers-contrast: more)'] as const;

/** What the operating system asks for right now: Windows contrast themes come as forced-colors. */
function systemTheme(): EffectiveTheme {
  if (typeof matchMedia !== 'function') return 'light';
  if (matchMedia('(forced-colors: active)').matches || matchMedia('(prefers-contrast: more)').matches) return 'high-contrast';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function subscribeSystem(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined;
  const lists = QUERIES.map((query) => matchMedia(query));
  for (const list of lists) list.addEventListener('change', onChange);
  return () => lists.forEach((list) => list.removeEventListener('change', onChange));
}

/** The theme to paint: the user's choice, or the system's, followed live. */
export function useEffectiveTheme(choice: ThemeChoice): EffectiveTheme {
  const system = useSyncExternalStore(subscribeSystem, systemTheme);
  return choice === 'system' ? system : choice;
}

export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  return THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length] ?? 'system';
}
