/**
 * Message catalogs: keys are typed from en.json; fr.json must have the same keys (tested). Each language
 * is its own chunk, loaded when chosen, so a window loads one catalog, not both. No React here: the OS
 * WebAuthn window's page uses it too.
 */
import type en from './en.json';
import type { Language } from '../../preload/contract.ts';

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;

const loaders: Readonly<Record<Language, () => Promise<{ default: Catalog }>>> = {
  en: () => import('./en.json'),
  fr: () => import('./fr.json'),
};

export async function loadCatalog(language: Language): Promise<Catalog> {
  return (await loaders[language]()).default;
}

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

export function translator(catalog: Catalog): Translate {
  return (key, params) => {
    const text = catalog[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
  };
}
