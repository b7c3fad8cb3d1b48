/** The glossary test's checks, as plain functions so the test can show each one failing. */

type Catalog = Readonly<Record<string, string>>;

const words = (text: string) => text.match(/[\p{L}][\p{L}’'-]*/gu) ?? [];

/** "key: "found" (use "term")" for every avoided pattern found, matched case-insensitively on whole words. */
export function avoidedWords(catalog: Catalog, terms: ReadonlyArray<{ term: string; avoid: readonly string[] }>): string[] {
  const found: string[] = [];
  for (const [key, text] of Object.entries(catalog)) {
    for (const { term, avoid } of terms) {
      for (const pattern of avoid) {
        const match = new RegExp(`(?<![\\p{L}-])(?:${pattern})(?![\\p{L}-])`, 'iu').exec(text.replace(/\{\w+\}/g, ' '));
        if (match) found.push(`${key}: "${match[0]}" (use "${term}")`);
      }
    }
  }
  return found;
}

/**
 * French strings whose words are English: a word counts as English when the English catalog uses it and
 * it is not a word both languages share. Allowed names ("Google Authenticator") and placeholders are
 * removed first; URLs and code-like examples are not words.
 */
export function englishInFrench(frCatalog: Catalog, enCatalog: Catalog, allowed: readonly string[], shared: readonly string[]): string[] {
  const english = new Set(Object.values(enCatalog).flatMap(words).map((word) => word.toLowerCase()));
  for (const name of allowed) for (const word of words(name)) english.delete(word.toLowerCase());
  for (const word of shared) english.delete(word.toLowerCase());
  const found: string[] = [];
  for (const [key, text] of Object.entries(frCatalog)) {
    let cleaned = text.replace(/\{\w+\}/g, ' ').replace(/\S*(?:https?:|witech-login:)\S*/g, ' ');
    for (const name of allowed) cleaned = cleaned.split(name).join(' ');
    const hits = words(cleaned).filter((word) => english.has(word.toLowerCase()));
    if (hits.length) found.push(`${key}: ${hits.map((word) => `"${word}"`).join(', ')}`);
  }
  return found;
}

/** French typography (OQLF): a space before ; : ? and ! — URLs and times aside. */
export function frenchSpacing(catalog: Catalog): string[] {
  const found: string[] = [];
  for (const [key, text] of Object.entries(catalog)) {
    const cleaned = text.replace(/\S*(?:https?:|witech-login:)\S*/g, ' ');
    const match = /\S+[^\s\d/]([;:?!])(?=\s|$)/u.exec(cleaned) ?? /[\p{L}][;?!]/u.exec(cleaned);
    if (match) found.push(`${key}: "${match[0].trim().split(/\s/).pop()}"`);
  }
  return found;
}

/**
 * Typographic apostrophes (’, U+2019) in user text, as the French catalog has always used: a straight one
 * (') mixed in renders as a different glyph in the same sentence. URLs are left alone.
 */
export function straightApostrophes(catalog: Catalog): string[] {
  const found: string[] = [];
  for (const [key, text] of Object.entries(catalog)) {
    const match = /\S*'\S*/u.exec(text.replace(/\S*(?:https?:|witech-login:)\S*/g, ' '));
    if (match) found.push(`${key}: "${match[0]}"`);
  }
  return found;
}

/**
 * A verb and its pronoun ("collez-le", "connectez-vous", "avez-vous") read as one word: a line must not break
 * between them, so they are joined by the non-breaking hyphen (U+2011), never the plain one a browser may
 * break after ("collez-" / "le ici.").
 */
export const VERB_PRONOUN = /[\p{L}]-(?:le|la|les|lui|leur|moi|toi|nous|vous|en|y|il|elle|ils|elles|on|ce|je|tu)(?![\p{L}])/u;

export function breakableVerbPronouns(catalog: Catalog): string[] {
  const found: string[] = [];
  for (const [key, text] of Object.entries(catalog)) {
    const match = new RegExp(`[\\p{L}]*${VERB_PRONOUN.source}`, 'u').exec(text.replace(/\S*(?:https?:|witech-login:)\S*/g, ' '));
    if (match) found.push(`${key}: "${match[0]}"`);
  }
  return found;
}
