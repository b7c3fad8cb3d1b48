/**
 * The glossary (renderer/i18n/glossary.json) is the app's one word per idea, in fr-CA and en (issue #16
 * item 6). Every catalog string is checked against it: no avoided synonym, and no English word on a French
 * screen outside the names and phone labels the glossary allows.
 */
import { describe, expect, it } from 'vitest';
import en from '../../../../renderer/i18n/en.json' with { type: 'json' };
import fr from '../../../../renderer/i18n/fr.json' with { type: 'json' };
import glossary from '../../../../renderer/i18n/glossary.json' with { type: 'json' };
import { avoidedWords, englishInFrench, frenchSpacing, straightApostrophes, breakableVerbPronouns } from './glossary-check.ts';

const frCatalog: Record<string, string> = fr;
const enCatalog: Record<string, string> = en;

describe('glossary', () => {
  it('defines each idea once, with a French and an English term', () => {
    const ideas = glossary.terms.map((term) => term.idea);
    expect(new Set(ideas).size).toBe(ideas.length);
    for (const term of glossary.terms) expect([term.fr.trim(), term.en.trim()].every(Boolean), term.idea).toBe(true);
  });

  it('French strings use none of the synonyms the glossary avoids', () => {
    expect(avoidedWords(frCatalog, glossary.terms.map((term) => ({ term: term.fr, avoid: term.frAvoid })))).toEqual([]);
  });

  it('English strings use none of the synonyms the glossary avoids', () => {
    expect(avoidedWords(enCatalog, glossary.terms.map((term) => ({ term: term.en, avoid: term.enAvoid })))).toEqual([]);
  });

  it('French strings hold no English word outside the allowed names and labels', () => {
    expect(englishInFrench(frCatalog, enCatalog, glossary.frEnglishAllowed.phrases, glossary.sharedWords.words)).toEqual([]);
  });

  it('French strings put a space before ; : ? and !', () => {
    expect(frenchSpacing(frCatalog)).toEqual([]);
  });

  it('both catalogs use the typographic apostrophe (’), never the straight one', () => {
    expect([...straightApostrophes(frCatalog), ...straightApostrophes(enCatalog)]).toEqual([]);
  });

  it('French verbs and their pronouns are joined by a non-breaking hyphen', () => {
    expect(breakableVerbPronouns(frCatalog)).toEqual([]);
  });

  describe('the checks can fail', () => {
    it('flags an avoided synonym', () => {
      expect(avoidedWords({ k: 'Saisissez le code PIN.' }, [{ term: 'NIP', avoid: ['code PIN'] }])).toEqual(['k: "code PIN" (use "NIP")']);
      expect(avoidedWords({ k: 'Votre authentification multifacteur' }, [{ term: 'méthode de vérification', avoid: ['authentification multi-?facteurs?'] }])).toHaveLength(1);
      expect(avoidedWords({ k: 'Envoyez un e-mail' }, [{ term: 'courriel', avoid: ['e-mail'] }])).toHaveLength(1);
    });

    it('flags an English word in French, but not an allowed name', () => {
      const english = { a: 'Tap Set up account', b: 'Open Google Authenticator' };
      expect(englishInFrench({ k: 'Sélectionnez Set up account' }, english, ['Google Authenticator'], [])).toEqual(['k: "Set", "up", "account"']);
      expect(englishInFrench({ k: 'Ouvrez Google Authenticator' }, english, ['Google Authenticator'], [])).toEqual([]);
      expect(englishInFrench({ k: 'working tree, not built' }, { x: 'working tree, not built' }, [], [])).toHaveLength(1);
    });

    it('flags a straight apostrophe, but not one inside a URL', () => {
      expect(straightApostrophes({ k: "Install it from your phone's app store.", ok: 'your company’s page' })).toEqual(['k: "phone\'s"']);
      expect(straightApostrophes({ u: "Open https://x/y?q='a' now" })).toEqual([]);
    });

    it('flags a verb and pronoun a line could split, but not a compound word', () => {
      expect(breakableVerbPronouns({ k: 'copiez le lien et collez-le ici.' })).toEqual(['k: "collez-le"']);
      expect(breakableVerbPronouns({ k: 'Où avez-vous passé vos vacances ?' })).toEqual(['k: "avez-vous"']);
      expect(breakableVerbPronouns({ a: 'copiez le lien et collez\u2011le ici.', b: 'peut-être ci-dessous, lui-même', c: 'grand-mère' })).toEqual([]);
    });

    it('flags a missing French space', () => {
      expect(frenchSpacing({ k: 'Au moins 4 caractères; lettres' })).toEqual(['k: "caractères;"']);
      expect(frenchSpacing({ k: 'Au moins 4 caractères ; lettres', u: 'https://x/y?token=1' })).toEqual([]);
    });
  });
});
