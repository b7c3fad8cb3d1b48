import type { MessageKey, Translate } from './i18n/messages.ts';

/** Okta's question catalogue is in English; known questions are shown in the technician's language. */
export function questionText(t: Translate, id: string | undefined, fallback: string): string {
  if (!id) return fallback;
  const key = `question.${id}` as MessageKey;
  const translated = t(key);
  return translated === key ? fallback : translated;
}
