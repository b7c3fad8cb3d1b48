import { describe, expect, it } from 'vitest';
import en from '../../../../renderer/i18n/en.json' with { type: 'json' };
import fr from '../../../../renderer/i18n/fr.json' with { type: 'json' };
import { APP_ERROR_CODES } from '../../../../main/core/errors.ts';
import { translator } from '../../../../renderer/i18n/messages.ts';

describe('message catalogs', () => {
  it('French and English have exactly the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('every error code has a message in both languages', () => {
    const missing = APP_ERROR_CODES.filter((code) => !(`error.${code}` in en) || !(`error.${code}` in fr));
    expect(missing).toEqual([]);
  });

  // Proper names stay the same in both languages.
  const SAME_IN_BOTH = new Set(['app.title', 'help.about', 'factor.totp-google', 'factor.totp-okta', 'factor.push-okta', 'factor.yubikey-otp', 'diag.seconds', 'help.engineName.classic', 'help.engineName.identity']);

  it('no message is empty and French is not a copy of English for sentences', () => {
    for (const [key, text] of Object.entries(en)) {
      expect(text.trim(), key).not.toBe('');
      const french = (fr as Record<string, string>)[key] ?? '';
      expect(french.trim(), key).not.toBe('');
    }
    const copied = Object.keys(en).filter((key) => (fr as Record<string, string>)[key] === (en as Record<string, string>)[key] && (en as Record<string, string>)[key]!.includes(' ') && !SAME_IN_BOTH.has(key));
    expect(copied).toEqual([]);
  });

  it('placeholders match between the two languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(en)) expect(names((fr as Record<string, string>)[key] ?? ''), key).toEqual(names(text));
  });

  it('interpolates parameters and leaves unknown ones visible', () => {
    const t = translator(fr);
    expect(t('app.screenId', { id: 'E-01' })).toBe('Écran E-01');
    expect(t('app.screenId')).toBe('Écran {id}');
  });
});
