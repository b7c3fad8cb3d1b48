/**
 * `npm run package:check`: what can be proved about the installers without an Electron binary.
 *  1. electron-builder.yml is valid against electron-builder's own JSON schema;
 *  2. `electron-builder --dir --linux` with a stub Electron produces an app.asar that holds only the built
 *     bundles: entry point present, each preload one CommonJS file requiring only electron, renderer with its
 *     CSP, the first frame self-contained and drawing sign-in, no tests, no source maps, no dev dependencies —
 *     and its size and file count are printed;
 *  3. Electronegativity over main/, offline: it must finish, report a header and scan every file, and every
 *     MEDIUM+ finding must be justified in scripts/electronegativity-allow.json (check, file, flagged line and
 *     reason), or the check fails; so does a justification whose finding is gone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { extractFile, listPackage } from '@electron/asar';
import { electronegativityVerdict } from './electronegativity-verdict.ts';
import { shippedUpdateConfigProblems } from './update-signing.ts';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const problems: string[] = [];
const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
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
  // The sign-in main draws with the page (main/start/first-frame.ts): self-contained, and it draws from the
  // packaged copy, since only the packaged app loads it from the archive.
  const FIRST_FRAME = 'out/first-frame/first-frame.cjs';
  const frameSource = files.includes(FIRST_FRAME) ? extractFile(asarPath, FIRST_FRAME).toString('utf8') : '';
  const frameRequires = [...new Set([...frameSource.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? ''))];
  check(frameSource !== '' && frameRequires.every((name) => builtinModules.includes(name.replace(/^node:/, ''))), `first frame ${FIRST_FRAME} is one CommonJS file requiring only Node's own modules (requires: ${frameRequires.join(', ')})`);
  const frameFile = join(work, 'first-frame.cjs');
  writeFileSync(frameFile, frameSource);
  const drawn: unknown = frameSource ? (require(frameFile) as { renderFirstFrame(boot: unknown): unknown }).renderFirstFrame({ info: { language: 'fr' }, view: { status: 'NONE', canGoBack: false, canSkip: false } }) : undefined;
  check(typeof drawn === 'string' && drawn.includes('data-screen-id="E-01"') && drawn.includes('id="username"') && drawn.includes('lang="fr" aria-pressed="true"'), 'the packaged first frame draws the French sign-in screen');
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
  // Fails closed: if the pattern matched no package.json, "no dev package" would be vacuously true.
  const shippedNames = new Set(shipped.map((f) => f.replace(/^(.*\/)?node_modules\//, '').replace(/\/package\.json$/, '')));
  const missingRuntime = Object.keys(own.dependencies).filter((name) => !shippedNames.has(name));
  check(missingRuntime.length === 0, `every runtime dependency found in app.asar${missingRuntime.length ? ` (missing: ${missingRuntime.join(', ')})` : ''}`);
  check(devShipped.length === 0 && Object.keys(own.devDependencies).every((name) => !devShipped.some((id) => id.startsWith(`${name}@`))), `no dev-only package in app.asar (${shipped.length} packages checked${devShipped.length ? `; found ${devShipped.slice(0, 8).join(', ')}` : ''})`);
  // electron-updater's publisher check (Windows) reads this file; its absence would mean no verification.
  const updateYml = join(output, 'linux-unpacked/resources/app-update.yml');
  const updateProblems = shippedUpdateConfigProblems(existsSync(updateYml) ? readFileSync(updateYml, 'utf8') : undefined, undefined);
  check(updateProblems.length === 0, `resources/app-update.yml shipped for electron-updater${updateProblems.length ? `: ${updateProblems.join('; ')}` : ''}`);
  for (const resource of ['security-images', 'policy.sample.json', '70-garage-fido.rules']) {
    check(existsSync(join(output, 'linux-unpacked/resources', resource)), `extra resource ${resource} shipped beside the app`);
  }
  say(`  app.asar: ${(statSync(asarPath).size / 1024 / 1024).toFixed(2)} MiB, ${files.length} entries (${files.filter((f) => f.startsWith('node_modules/')).length} under node_modules)`);
}

// 3. Electronegativity, offline and in a child process with a deadline (scripts/electronegativity-scan.ts says
// why not its CLI); the verdict fails unless it finished, reported a header and scanned files (electronegativity-verdict.ts).
const report = join(work, 'electronegativity.json');
const SCAN_TIMEOUT_MS = 180_000;
const scan = spawnSync(process.execPath, [join(root, 'scripts/electronegativity-scan.ts'), join(root, 'main'), report, own.devDependencies.electron ?? ''], {
  cwd: root,
  encoding: 'utf8',
  timeout: SCAN_TIMEOUT_MS,
  killSignal: 'SIGKILL',
});
const verdict = electronegativityVerdict({
  exit: { status: scan.status, signal: scan.signal, error: scan.error, stderr: scan.stderr },
  timeoutMs: SCAN_TIMEOUT_MS,
  reportText: existsSync(report) ? readFileSync(report, 'utf8') : undefined,
  allow: JSON.parse(readFileSync(join(root, 'scripts/electronegativity-allow.json'), 'utf8')),
  inputPrefix: 'main',
});
problems.push(...verdict.problems);
if (verdict.summary) say(`${verdict.problems.length === 0 ? '✓' : '✗'} ${verdict.summary}`);

rmSync(work, { recursive: true, force: true });
if (problems.length > 0) {
  console.error(`\npackage:check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
say('package:check passed');
