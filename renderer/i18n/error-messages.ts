/** Error code → catalog key. Every code in main/core/errors.ts has an `error.<CODE>` entry (tested). */
import type { ErrorView } from '../../preload/contract.ts';
import type { MessageKey, Translate } from './messages.ts';

export function errorMessage(t: Translate, error: ErrorView): string {
  const key = `error.${error.code}` as MessageKey;
  const text = t(key);
  return text === key ? t('error.generic', { code: error.code }) : text;
}
