/**
 * The support console's catalog (main/local-org/console/console-messages.ts): both languages complete,
 * the same placeholders, the glossary's words, and no English on a French page outside proper names.
 */
import { describe, expect, it } from 'vitest';
import glossary from '../../../../renderer/i18n/glossary.json' with { type: 'json' };
import { CONSOLE_MESSAGES, consoleText, labelOr, pickConsoleLang } from '../../../../main/local-org/console/console-messages.ts';
import { avoidedWords, englishInFrench, frenchSpacing } from '../../renderer/i18n/glossary-check.ts';

const { fr, en } = CONSOLE_MESSAGES;
/** Proper names a French console page may show as they are: the name of the other language on its switch. */
const CONSOLE_NAMES = ['English'];
/** Words spelled the same in both languages on the console's pages. */
const CONSOLE_SHARED = ['console', 'minute', 'note'];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('support console catalog', () => {
  it('has the same keys in French and English, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of [...Object.entries(fr), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
  });

  it('holds no English word in French outside proper names', () => {
    expect(englishInFrench(fr, en, [...glossary.frEnglishAllowed.phrases, ...CONSOLE_NAMES], [...glossary.sharedWords.words, ...CONSOLE_SHARED])).toEqual([]);
  });

  it('follows the glossary in both languages and French spacing', () => {
    expect(avoidedWords(fr, glossary.terms.map((term) => ({ term: term.fr, avoid: term.frAvoid })))).toEqual([]);
    expect(avoidedWords(en, glossary.terms.map((term) => ({ term: term.en, avoid: term.enAvoid })))).toEqual([]);
    expect(frenchSpacing(fr)).toEqual([]);
  });

  it('the English check sees an English word left in French', () => {
    expect(englishInFrench({ ...fr, 'nav.signOut': 'Sign out' }, en, [...glossary.frEnglishAllowed.phrases, ...CONSOLE_NAMES], [...glossary.sharedWords.words, ...CONSOLE_SHARED])).toEqual(['nav.signOut: "Sign", "out"']);
  });

  it('fills placeholders and labels data values it knows', () => {
    expect(consoleText('fr')('request.heading', { reference: 'HR-1' })).toBe('Demande HR-1');
    expect(labelOr('fr', 'reason', 'Cannot log in')).toBe('Impossible de se connecter');
    expect(labelOr('fr', 'auditAction', 'something-new')).toBe('something-new');
  });
});

describe('console language', () => {
  it('takes the switch, then the saved choice, then Accept-Language by preference', () => {
    expect(pickConsoleLang('en', 'fr', 'fr-CA')).toBe('en');
    expect(pickConsoleLang(null, 'en', 'fr-CA')).toBe('en');
    expect(pickConsoleLang('de', undefined, 'en-US,en;q=0.9,fr;q=0.8')).toBe('en');
    expect(pickConsoleLang(null, undefined, 'de-DE, fr-CA;q=0.5, en;q=0.7')).toBe('en');
    expect(pickConsoleLang(null, undefined, 'fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(pickConsoleLang(null, undefined, 'en;q=0, de')).toBe('fr');
    expect(pickConsoleLang(undefined, undefined, undefined)).toBe('fr');
  });
});
