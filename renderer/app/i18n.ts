import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../preload/contract';
import en from '../locales/en.json';
import pl from '../locales/pl.json';
import callersEn from '../features/callers/locales/en.json';
import callersPl from '../features/callers/locales/pl.json';
import chatsEn from '../features/chats/locales/en.json';
import chatsPl from '../features/chats/locales/pl.json';
import softphoneEn from '../features/softphone/locales/en.json';
import softphonePl from '../features/softphone/locales/pl.json';
import ticketsEn from '../features/tickets/locales/en.json';
import ticketsPl from '../features/tickets/locales/pl.json';

export const DEFAULT_LANGUAGE: Language = 'pl';

type Messages = { [key: string]: string | Messages };

/** Each capability keeps its own strings beside its code; they are merged over the shared ones. */
export function mergeMessages(...layers: Messages[]): Messages {
  const out: Messages = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      const previous = out[key];
      out[key] = typeof value === 'object' && typeof previous === 'object' ? mergeMessages(previous, value) : value;
    }
  }
  return out;
}

const plMessages = mergeMessages(pl, softphonePl, callersPl, ticketsPl, chatsPl);
const enMessages = mergeMessages(en, softphoneEn, callersEn, ticketsEn, chatsEn);

/** Both languages are bundled: switching is instant and works offline. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { pl: { translation: plMessages }, en: { translation: enMessages } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false }, // React escapes; nothing here becomes HTML
  returnNull: false,
  initAsync: false,
});

// Screen readers pick their voice from <html lang>; keep it in step with the UI language.
document.documentElement.lang = DEFAULT_LANGUAGE;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
}
