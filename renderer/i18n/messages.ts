/** Message catalogs: keys are typed from en.json; fr.json must have the same keys (tested). */
import { createContext, useContext } from 'react';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import type { Language } from '../../preload/contract.ts';

export type MessageKey = keyof typeof en;
export const catalogs: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, fr };

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  return (key, params) => {
    const text = catalog[key] ?? en[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
  };
}

export const I18nContext = createContext<{ language: Language; t: Translate }>({ language: 'fr', t: translator('fr') });

export function useI18n(): { language: Language; t: Translate } {
  return useContext(I18nContext);
}
