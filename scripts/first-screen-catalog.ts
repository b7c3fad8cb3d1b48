/**
 * Build step (vite.config.ts, renderer): the strings the sign-in screen needs before the full catalog has
 * loaded, in both languages, as the module `virtual:first-screen-catalog` inside the start-up chunk. The key
 * list is read from the code of the first screen (every string literal that is a catalog key), so a key
 * added to the sign-in screen is in the subset without anyone keeping a list. The full catalog of the
 * technician's language loads after the first paint (renderer/i18n/catalog.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const FIRST_SCREEN_MODULE = 'virtual:first-screen-catalog';
const RESOLVED = `\0${FIRST_SCREEN_MODULE}`;

/** What the window draws before the full catalog: the frame (header, banners), the screen frame, sign-in. */
export const FIRST_SCREEN_SOURCES = ['renderer/App.tsx', 'renderer/components/Screen.tsx', 'renderer/screens/SignIn/SignInScreen.tsx'] as const;
const CATALOGS = { en: 'renderer/i18n/en.json', fr: 'renderer/i18n/fr.json' } as const;

type Catalog = Readonly<Record<string, string>>;

/** Every quoted string in the sources that names a key of the catalog, sorted. */
export function firstScreenKeys(sources: readonly string[], catalog: Catalog): string[] {
  const keys = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(/(['"`])([A-Za-z][\w.-]*)\1/g)) {
      const key = match[2] as string;
      if (Object.hasOwn(catalog, key)) keys.add(key);
    }
  }
  return [...keys].sort();
}

export function pick(catalog: Catalog, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, catalog[key] as string]));
}

/** The module's source: `{ en: {...}, fr: {...} }`, the same keys in both. */
export function firstScreenModule(root: string): { code: string; files: string[] } {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const en = JSON.parse(read(CATALOGS.en)) as Catalog;
  const fr = JSON.parse(read(CATALOGS.fr)) as Catalog;
  const keys = firstScreenKeys(FIRST_SCREEN_SOURCES.map(read), en);
  return {
    code: `export default ${JSON.stringify({ en: pick(en, keys), fr: pick(fr, keys) })};\n`,
    files: [...FIRST_SCREEN_SOURCES, CATALOGS.en, CATALOGS.fr].map((path) => join(root, path)),
  };
}

export function firstScreenCatalog(root: string): Plugin {
  return {
    name: 'garage-first-screen-catalog',
    resolveId: (id) => (id === FIRST_SCREEN_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const { code, files } = firstScreenModule(root);
      for (const file of files) this.addWatchFile(file);
      return code;
    },
  };
}
