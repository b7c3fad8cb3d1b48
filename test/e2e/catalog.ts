/** Accessible names come from the message catalogs, so tests follow the UI text instead of CSS structure. */
import en from '../../renderer/i18n/en.json' with { type: 'json' };
import fr from '../../renderer/i18n/fr.json' with { type: 'json' };

export type Lang = 'fr' | 'en';
export type Key = keyof typeof en;

export function text(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
  const catalog: Record<string, string> = lang === 'fr' ? fr : en;
  return (catalog[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
