/**
 * What the window loads before it can draw sign-in (goal: ≤ 80 kB gzip at start-up), read from the build
 * itself rather than from file names: the page as main serves it (with its boot block, main/start/page-boot.ts),
 * every script, module preload and stylesheet it names, and every module those import statically. Dynamic
 * imports (the full catalog, the other screens, the PIN dialog…) load after the first paint and are counted
 * apart. kB here are KiB (1024 bytes), gzip level 9.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { withPageBoot } from '../main/start/page-boot.ts';

const OUT = join(import.meta.dirname, '../out/renderer');

/** A typical first page: French, the training org, a remembered username, no transaction. */
const BOOT = {
  info: {
    version: '0.1.0',
    build: '0.1.0 (0123456789abcdef0123456789abcdef01234567, 2026-12-02, unsigned)',
    keyPath: 'native-hid',
    updates: 'auto',
    language: 'fr',
    orgHost: 'fcawitech.okta.com',
    trainingOrg: false,
    rememberedUsername: 'ana.martin@garage-tremblay.qc.ca',
    policy: { languageLocked: false, desktopAuthenticator: false, supportPhone: '1 800 555-0199' },
  },
  view: { status: 'NONE', canGoBack: false, canSkip: false },
} as const;

/** Files a built file pulls in before anything runs: static imports (JS) or the tags of the page (HTML). */
function staticDependencies(file: string, body: string): string[] {
  if (file.endsWith('.html')) {
    const tags = [...body.matchAll(/<script[^>]*\ssrc="\.\/([^"]+)"/g), ...body.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="\.\/([^"]+)"/g)];
    return tags.map((match) => match[1] as string);
  }
  if (!file.endsWith('.js')) return [];
  // Minified ES modules: `import{a as b}from"./x.js"`, `import"./x.js"`, `export{…}from"./x.js"`; never `import("./x.js")`.
  const specifiers = [...body.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.\/[^"']+)["']/g)].map((match) => match[1] as string);
  return specifiers.map((specifier) => join(dirname(file), specifier));
}

export default async function bench() {
  const read = async (file: string) => (file === 'index.html' ? withPageBoot(await readFile(join(OUT, file), 'utf8'), BOOT) : await readFile(join(OUT, file), 'utf8'));
  const startup = new Map<string, string>();
  const queue = ['index.html'];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (startup.has(file)) continue;
    const body = await read(file);
    startup.set(file, body);
    queue.push(...staticDependencies(file, body));
  }
  const gzip = (body: string | Buffer) => gzipSync(body, { level: 9 }).length;
  const raw = (body: string | Buffer) => Buffer.byteLength(body);
  const assets = await readdir(join(OUT, 'assets'));
  const later = await Promise.all(assets.filter((name) => !startup.has(`assets/${name}`)).map(async (name) => ({ name, body: await readFile(join(OUT, 'assets', name)) })));
  const sum = (bodies: Iterable<string | Buffer>, size: (body: string | Buffer) => number) => [...bodies].reduce((total, body) => total + size(body), 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  const startGzip = sum(startup.values(), gzip);
  const catalog = later.filter(({ name }) => name.startsWith('fr-'));
  return {
    name: 'Renderer bundle (run `npm run build` first)',
    figures: {
      'start-up files': [...startup.keys()].map((file) => file.replace(/^assets\//, '')).join(', '),
      'start-up load, raw (page + what it names + static imports)': kb(sum(startup.values(), raw)),
      'start-up load, gzip': kb(startGzip),
      'start-up gzip vs 80 kB goal': `${((startGzip / (80 * 1024)) * 100).toFixed(0)} %`,
      'after first paint: full catalog, gzip (fr)': kb(sum(catalog.map(({ body }) => body), gzip)),
      'after first paint: screens and the rest, gzip': kb(sum(later.filter(({ name }) => !/^(en|fr)-/.test(name)).map(({ body }) => body), gzip)),
      'all assets, gzip': kb(sum([...startup.values(), ...later.map(({ body }) => body)], gzip)),
    },
  };
}
