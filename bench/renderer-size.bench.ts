/**
 * What the window loads (goal: ≤ 80 kB gzip at start-up): the main chunk with React, the shared chunk, the
 * stylesheet and ONE language catalog; first-sign-in and help screens are separate chunks loaded on demand.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ASSETS = join(import.meta.dirname, '../out/renderer/assets');

export default async function bench() {
  const chunks = new Map<string, { raw: number; gzip: number }>();
  for (const file of await readdir(ASSETS)) {
    const body = await readFile(join(ASSETS, file));
    chunks.set(file, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  const sum = (pick: (name: string) => boolean, key: 'raw' | 'gzip') => [...chunks].filter(([name]) => pick(name)).reduce((total, [, size]) => total + size[key], 0);
  const isLazyScreen = (name: string) => /Screen-/.test(name) && !/^Screen-/.test(name);
  const isCatalog = (name: string) => /^(en|fr)-/.test(name);
  const startup = (key: 'raw' | 'gzip') => sum((name) => !isLazyScreen(name) && !isCatalog(name) && !/^Advice-/.test(name), key) + sum((name) => name.startsWith('fr-'), key);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  return {
    name: 'Renderer bundle (run `npm run build` first)',
    figures: {
      'start-up load, raw (main + shared + css + fr catalog)': kb(startup('raw')),
      'start-up load, gzip': kb(startup('gzip')),
      'start-up gzip vs 80 kB goal': `${((startup('gzip') / (80 * 1024)) * 100).toFixed(0)} %`,
      'lazy screens, gzip (loaded when first shown)': kb(sum(isLazyScreen, 'gzip')),
      'one catalog, gzip (fr)': kb(sum((name) => name.startsWith('fr-'), 'gzip')),
      'all assets, gzip': kb(sum(() => true, 'gzip')),
    },
  };
}
