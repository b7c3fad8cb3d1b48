/**
 * Runs Electronegativity in this process, offline, and writes one JSON report when — and only when — the scan
 * finished: `node scripts/electronegativity-scan.ts <input dir> <report.json> <electron version>`.
 *
 * Why not its CLI: the CLI fetches translations (and, unless excluded, Electron's release list) with `got`;
 * offline, got's retry timer rejects a p-cancelable promise that already settled and the process dies with
 * "The `onCancel` handler was attached after the promise settled". Its CSV writer also writes the header
 * ('w') and the rows ('a') with two concurrent fs.writeFile calls, so even a finished run can leave a
 * header-only file. Here `got` is replaced in the module cache before Electronegativity loads: every network
 * look-up rejects at once (its i18n falls back to the bundled en-US catalogue), nothing on disk is patched, and
 * the report is written synchronously after the runner resolved, with a header saying what was scanned.
 * Any crash, unhandled rejection or kill leaves no report, which scripts/electronegativity-verdict.ts refuses.
 */
import { writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

type Issue = { id: string; severity: { name: string }; confidence: { name: string }; file: string; location?: { line?: number; column?: number }; sample?: string };
type RunResult = { globalChecks: number; atomicChecks: number; errors: Array<{ file: string; message: string; tolerable: boolean }>; issues: Issue[] };
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<RunResult>;

const [input, reportPath, electronVersion] = process.argv.slice(2);
if (!input || !reportPath || !electronVersion) {
  console.error('usage: electronegativity-scan.ts <input dir> <report.json> <electron version>');
  process.exit(2);
}
const inputDir = resolve(input);
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const dist = join(packageDir, 'dist');

// The `got` that Electronegativity's modules would load, resolved from their own folder, answered from cache.
let lookupsBlocked = 0;
const offline = (url: unknown) => {
  lookupsBlocked += 1;
  return Promise.reject(new Error(`network look-up refused (offline scan): ${String(url)}`));
};
offline.head = offline;
const gotPath = require.resolve('got', { paths: [join(dist, 'locales')] });
const stub = new Module(gotPath);
stub.filename = gotPath;
stub.loaded = true;
stub.exports = offline;
require.cache[gotPath] = stub;

// Count the files the checks actually ran on (a file the parser skipped or failed on is not "scanned").
const { Finder } = require(join(dist, 'finder')) as { Finder: { prototype: { find: (...args: unknown[]) => Promise<unknown> } } };
const find = Finder.prototype.find;
let filesScanned = 0;
Finder.prototype.find = function counted(this: unknown, ...args: unknown[]) {
  filesScanned += 1;
  return find.apply(this, args);
};

const { list_files: listFiles } = require(join(dist, 'util')) as { list_files: (dir: string) => Promise<string[] | undefined> };
const run = require(join(dist, 'runner.js')) as Runner;
const version = (require(join(packageDir, 'package.json')) as { version: string }).version;

const filesListed = (await listFiles(inputDir)) ?? [];
const result = await run({ input: inputDir, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] }, false);
const where = (file: string) => (file === 'N/A' ? file : relative(inputDir, file));

const report = {
  header: {
    tool: 'electronegativity',
    version,
    input: inputDir,
    electronVersion,
    filesListed: filesListed.length,
    filesScanned,
    globalChecks: result.globalChecks,
    atomicChecks: result.atomicChecks,
    networkLookupsBlocked: lookupsBlocked,
  },
  errors: result.errors.map((error) => ({ file: where(error.file), message: error.message, tolerable: error.tolerable })),
  issues: result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: where(issue.file),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    sample: (issue.sample ?? '').trim(),
  })),
};
writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
