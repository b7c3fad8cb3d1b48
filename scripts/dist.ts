/**
 * `npm run dist -- [electron-builder args]`: builds the bundles and the installers. A build without signing
 * credentials in the environment is named "unsigned" (artifact name and build identity), so nobody ships one
 * by mistake. Signing material only ever comes from the environment or the CI secret store. A signed Windows
 * build also names its publisher (scripts/update-signing.ts), and fails unless the app-update.yml it ships
 * carries that name, which is what electron-updater checks every downloaded installer against.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { publisherArgs, shippedUpdateConfigProblems } from './update-signing.ts';

const root = join(import.meta.dirname, '..');
const builderArgs = process.argv.slice(2);
const signed = Boolean(process.env.CSC_LINK || process.env.WIN_CSC_LINK || process.env.CSC_NAME);
const publisher = publisherArgs(process.env, builderArgs);
if (!publisher.ok) {
  console.error(`dist: ${publisher.error}`);
  process.exit(1);
}
const env = { ...process.env, GARAGE_BUILD_SIGNING: signed ? 'signed' : 'unsigned' };
console.log(`Building ${signed ? 'SIGNED' : 'UNSIGNED'} installers${publisher.publisherName ? ` (Windows updates must be signed by ${publisher.publisherName})` : ''}`);
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env });
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('electron-builder/cli.js'), ...builderArgs, ...publisher.args], { cwd: root, stdio: 'inherit', env });

if (publisher.publisherName) {
  const release = join(root, 'release');
  const unpacked = readdirSync(release).filter((name) => /^win(-[\w]+)?-unpacked$/.test(name));
  const problems = unpacked.length === 0 ? ['no win*-unpacked folder in release/'] : [];
  for (const dir of unpacked) {
    const file = join(release, dir, 'resources/app-update.yml');
    problems.push(...shippedUpdateConfigProblems(existsSync(file) ? readFileSync(file, 'utf8') : undefined, publisher.publisherName).map((problem) => `${dir}: ${problem}`));
  }
  if (problems.length > 0) {
    console.error(`dist: the Windows build would not verify its updates:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`✓ app-update.yml names the publisher in ${unpacked.join(', ')}`);
}
