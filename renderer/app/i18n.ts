import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../preload/contract';
import en from '../locales/en.json';
import pl from '../locales/pl.json';

export const DEFAULT_LANGUAGE: Language = 'pl';

/** Both languages are bundled: switching is instant and works offline. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { pl: { translation: pl }, en: { translation: en } },
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
