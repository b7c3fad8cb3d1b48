import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../renderer/i18n/en.json' with { type: 'json' };
import fr from '../../../renderer/i18n/fr.json' with { type: 'json' };
import { FIRST_SCREEN_SOURCES, firstScreenKeys, firstScreenModule } from '../../../scripts/first-screen-catalog.ts';

const ROOT = join(import.meta.dirname, '../../..');

/** The module the build puts in the start-up chunk, evaluated as the bundle would. */
function builtSubset(): { en: Record<string, string>; fr: Record<string, string> } {
  const { code } = firstScreenModule(ROOT);
  return JSON.parse(code.replace(/^export default /, '').replace(/;\s*$/, '')) as never;
}

describe('the first screen\'s strings, built from its code', () => {
  it('takes every quoted catalog key of the sources, and nothing else', () => {
    const source = `t('signIn.title'); t(x ? "clock.ahead" : 'clock.behind'); const k = \`app.title\`; 'not.a.key'; t('signIn')`;
    expect(firstScreenKeys([source], en)).toEqual(['app.title', 'clock.ahead', 'clock.behind', 'signIn.title']);
  });

  it('holds every key the sign-in screen and the frame name, in both languages, as in the full catalogs', () => {
    const subset = builtSubset();
    const used = FIRST_SCREEN_SOURCES.flatMap((path) => [...readFileSync(join(ROOT, path), 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)].map((m) => m[1] as string));
    expect(used.length).toBeGreaterThan(10);
    for (const key of used) {
      expect(subset.fr[key], key).toBe((fr as Record<string, string>)[key]);
      expect(subset.en[key], key).toBe((en as Record<string, string>)[key]);
    }
    expect(Object.keys(subset.fr).sort()).toEqual(Object.keys(subset.en).sort());
  });

  it('is a small part of the catalog: the rest loads after the first paint', () => {
    expect(Object.keys(builtSubset().fr).length).toBeLessThan(Object.keys(fr).length / 4);
  });
});
