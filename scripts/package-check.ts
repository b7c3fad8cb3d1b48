/**
 * `npm run package:check`: what can be proved about the installers without an Electron binary.
 *  1. electron-builder.yml is valid against electron-builder's own JSON schema;
 *  2. `electron-builder --dir --linux` with a stub Electron produces an app.asar that holds only the built
 *     bundles: entry point present, each preload one CommonJS file requiring only electron, renderer with its
 *     CSP, no tests, no source maps, no dev dependencies — and its size and file count are printed;
 *  3. Electronegativity over the sources: every MEDIUM+ finding must be justified in
 *     scripts/electronegativity-allow.json (one reason per entry), or the check fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { extractFile, listPackage } from '@electron/asar';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const problems: string[] = [];
const say = (line: string) => console.log(line);

// 1. Schema.
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const config = loadYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
if (validate(config)) say('✓ electron-builder.yml is valid against app-builder-lib/scheme.json');
else problems.push(`electron-builder.yml: ${JSON.stringify(validate.errors?.slice(0, 5))}`);

// 2. A --dir build with a stub Electron (the real one cannot be downloaded here).
if (!existsSync(join(root, 'out/main/index.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'garage-package-'));
const stub = join(work, 'electron');
mkdirSync(join(stub, 'resources'), { recursive: true });
writeFileSync(join(stub, 'electron'), '#!/bin/sh\n');
chmodSync(join(stub, 'electron'), 0o755);
const output = join(work, 'release');
const build = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), '--dir', '--linux', '-c.npmRebuild=false', `-c.electronDist=${stub}`, `-c.directories.output=${output}`], {
  cwd: root,
  env: { ...process.env, GARAGE_SKIP_FUSES: '1', GARAGE_BUILD_SIGNING: 'unsigned' },
  encoding: 'utf8',
});
const asarPath = join(output, 'linux-unpacked/resources/app.asar');
if (build.status !== 0 || !existsSync(asarPath)) {
  problems.push(`electron-builder --dir failed (exit ${build.status}): ${(build.stderr || build.stdout).slice(-1500)}`);
} else {
  const files = listPackage(asarPath, { isPack: false }).map((file) => file.replace(/^[/\\]/, ''));
  const pkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as { main: string; devDependencies?: Record<string, string> };
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const check = (ok: boolean, what: string) => (ok ? say(`✓ ${what}`) : problems.push(what));
  check(files.includes(pkg.main), `entry point ${pkg.main} is in app.asar`);
  // Two sandboxed preloads (the app window's and the OS WebAuthn window's), each one file requiring only electron.
  const PRELOADS = ['out/preload/index.cjs', 'out/preload/os-webauthn.cjs'];
  for (const path of PRELOADS) {
    const preload = files.includes(path) ? extractFile(asarPath, path).toString('utf8') : '';
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    check(preload !== '' && requires.every((name) => name === 'electron'), `preload ${path} is one CommonJS file requiring only electron (requires: ${[...new Set(requires)].join(', ')})`);
  }
  check(!files.some((f) => f.startsWith('out/preload/') && !PRELOADS.includes(f) && f !== 'out/preload'), 'no other file in out/preload (a sandboxed preload cannot load chunks)');
  check(extractFile(asarPath, 'out/renderer/os-webauthn.html').toString('utf8').includes("script-src 'self'"), 'OS WebAuthn window page carries the CSP');
  check(extractFile(asarPath, 'out/renderer/index.html').toString('utf8').includes("script-src 'self'"), 'renderer index.html carries the CSP');
  const tests = files.filter((f) => /(^|\/)(test|tests|__tests__)\//.test(f) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(f));
  check(tests.length === 0, `no test files${tests.length ? ` (found ${tests.slice(0, 5).join(', ')})` : ''}`);
  check(!files.some((f) => f.endsWith('.map')), 'no source maps');
  check(!files.some((f) => f.startsWith('out/') === false && /\.tsx?$/.test(f) && !f.includes('node_modules')), 'no sources outside the bundles');
  // Every package in the archive must be a runtime package: same name and version as a lockfile entry that
  // npm does not mark `dev: true`. (electron-builder re-hoists nested runtime copies, so paths differ.)
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean }> };
  const runtime = new Set(Object.entries(lock.packages).filter(([path, meta]) => path.startsWith('node_modules/') && meta.dev !== true).map(([path, meta]) => `${path.slice(path.lastIndexOf('node_modules/') + 13)}@${meta.version}`));
  const shipped = files.filter((f) => /^(.*\/)?node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(f) && !/\/node_modules\/[^/]+\/(lib|dist|src)\//.test(f));
  const devShipped = shipped
    .map((f) => JSON.parse(extractFile(asarPath, f).toString('utf8')) as { name?: string; version?: string })
    .filter((meta) => meta.name && meta.version && !runtime.has(`${meta.name}@${meta.version}`))
    .map((meta) => `${meta.name}@${meta.version}`);
  check(devShipped.length === 0 && Object.keys(own.devDependencies).every((name) => !devShipped.some((id) => id.startsWith(`${name}@`))), `no dev-only package in app.asar (${shipped.length} packages checked${devShipped.length ? `; found ${devShipped.slice(0, 8).join(', ')}` : ''})`);
  for (const resource of ['security-images', 'policy.sample.json', '70-garage-fido.rules']) {
    check(existsSync(join(output, 'linux-unpacked/resources', resource)), `extra resource ${resource} shipped beside the app`);
  }
  say(`  app.asar: ${(statSync(asarPath).size / 1024 / 1024).toFixed(2)} MiB, ${files.length} entries (${files.filter((f) => f.startsWith('node_modules/')).length} under node_modules)`);
}

// 3. Electronegativity (it exits 1 offline even when it wrote its report: the CSV is what counts).
const csv = join(work, 'electronegativity.csv');
spawnSync(process.execPath, [require.resolve('@doyensec/electronegativity/dist/index.js'), '-i', join(root, 'main'), '-o', csv, '-e', '45.4.1', '-x', 'AvailableSecurityFixesGlobalCheck', '-v', 'false'], { cwd: root, encoding: 'utf8' });
if (!existsSync(csv)) problems.push('Electronegativity wrote no report');
else {
  const allow = JSON.parse(readFileSync(join(root, 'scripts/electronegativity-allow.json'), 'utf8')) as Array<{ issue: string; file: string; reason: string }>;
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  let justified = 0;
  for (const [issue, severity, , file] of rows) {
    const level = (severity ?? '').replace(/"/g, '');
    if (!['MEDIUM', 'HIGH', 'CRITICAL'].includes(level)) continue;
    const path = relative(root, (file ?? '').replace(/"/g, ''));
    const entry = allow.find((row) => row.issue === issue && row.file === path && row.reason.length > 20);
    if (entry) justified += 1;
    else problems.push(`Electronegativity ${level} ${issue} in ${path} is not justified in scripts/electronegativity-allow.json`);
  }
  say(`✓ Electronegativity: ${rows.length} findings, ${justified} of MEDIUM or above justified by the allow-list`);
}

rmSync(work, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`\npackage:check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
say('package:check passed');
