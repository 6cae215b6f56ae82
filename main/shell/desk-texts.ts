// The few sentences the shell itself shows (quit confirmation, tray). Polish by default, English
// when the consultant chose it in settings. Pure.
import type { AgentState, Language } from '../../preload/contract';

export interface QuitFacts {
  activeCalls: number;
  unsentCount: number;
  /** The core did not answer: we cannot tell what would be lost. */
  unknown?: boolean;
}

export interface QuitDialogText {
  title: string;
  message: string;
  detail: string;
  quit: string;
  stay: string;
}

/** Polish plural: 1 rozmowa, 2–4 rozmowy, 5+ rozmów (12–14 take the "many" form). */
function plPlural(n: number, one: string, few: string, many: string): string {
  if (n === 1) return one;
  const tens = n % 100;
  const units = n % 10;
  return units >= 2 && units <= 4 && (tens < 12 || tens > 14) ? few : many;
}

export function quitDialogText(facts: QuitFacts, language: Language): QuitDialogText {
  if (language === 'en') {
    const lines: string[] = [];
    if (facts.unknown) lines.push('The desk could not check for active calls or unsent work.');
    if (facts.activeCalls > 0) lines.push(`${facts.activeCalls} ${facts.activeCalls === 1 ? 'call is' : 'calls are'} in progress and will be disconnected.`);
    if (facts.unsentCount > 0)
      lines.push(`${facts.unsentCount} ${facts.unsentCount === 1 ? 'item has' : 'items have'} not been sent yet. ${facts.unsentCount === 1 ? 'It is' : 'They are'} saved on this computer and will be sent the next time the desk runs.`);
    return { title: 'Quit the desk?', message: 'Quit the desk?', detail: lines.join('\n'), quit: 'Quit', stay: 'Stay' };
  }
  const lines: string[] = [];
  if (facts.unknown) lines.push('Nie udało się sprawdzić, czy trwają rozmowy lub czy są niewysłane sprawy.');
  if (facts.activeCalls > 0) {
    const n = facts.activeCalls;
    lines.push(`${plPlural(n, 'Trwa', 'Trwają', 'Trwa')} ${n} ${plPlural(n, 'rozmowa', 'rozmowy', 'rozmów')}; zamknięcie ${n === 1 ? 'ją' : 'je'} rozłączy.`);
  }
  if (facts.unsentCount > 0)
    lines.push(
      `${facts.unsentCount} ${plPlural(facts.unsentCount, 'sprawa nie została wysłana', 'sprawy nie zostały wysłane', 'spraw nie zostało wysłanych')}. ${facts.unsentCount === 1 ? 'Jest zapisana' : 'Są zapisane'} na tym komputerze i ${facts.unsentCount === 1 ? 'zostanie wysłana' : 'zostaną wysłane'} przy następnym uruchomieniu.`,
    );
  return { title: 'Zamknąć konsolę?', message: 'Zamknąć konsolę?', detail: lines.join('\n'), quit: 'Zamknij', stay: 'Zostań' };
}

const STATE_NAMES: Record<Language, Record<AgentState, string>> = {
  pl: { available: 'Dostępny', not_available: 'Niedostępny', after_call_work: 'Po rozmowie', on_call: 'W rozmowie', logged_out: 'Wylogowany' },
  en: { available: 'Available', not_available: 'Not available', after_call_work: 'After-call work', on_call: 'On a call', logged_out: 'Logged out' },
};

export function trayTooltip(state: AgentState, unsentCount: number, language: Language): string {
  const name = STATE_NAMES[language][state];
  if (unsentCount === 0) return language === 'en' ? `Desk: ${name}` : `Konsola: ${name}`;
  return language === 'en' ? `Desk: ${name} · ${unsentCount} unsent` : `Konsola: ${name} · niewysłane: ${unsentCount}`;
}

export function trayMenuLabels(language: Language): { show: string; quit: string } {
  return language === 'en' ? { show: 'Show the desk', quit: 'Quit' } : { show: 'Pokaż konsolę', quit: 'Zamknij' };
}
