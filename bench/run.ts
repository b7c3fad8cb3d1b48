/**
 * `npm run bench`: runs every `bench/*.bench.ts` (default export → {name, figures}) and prints the figures.
 * Speed and size goals are read here, never asserted by timed tests. `--only <name>` runs one file.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

type Bench = () => Promise<{ name: string; figures: Record<string, number | string> }>;

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const files = (await readdir(import.meta.dirname)).filter((file) => file.endsWith('.bench.ts') && (!only || file.startsWith(only))).sort();
for (const file of files) {
  const started = performance.now();
  const { default: bench } = (await import(join(import.meta.dirname, file))) as { default: Bench };
  const result = await bench();
  console.log(`\n## ${result.name}  (${file}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const width = Math.max(...Object.keys(result.figures).map((key) => key.length));
  for (const [key, value] of Object.entries(result.figures)) console.log(`  ${key.padEnd(width)}  ${value}`);
}
