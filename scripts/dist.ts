/**
 * `npm run dist -- [electron-builder args]`: builds the bundles and the installers. A build without signing
 * credentials in the environment is named "unsigned" (artifact name and build identity), so nobody ships one
 * by mistake. Signing material only ever comes from the environment or the CI secret store.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const signed = Boolean(process.env.CSC_LINK || process.env.WIN_CSC_LINK || process.env.CSC_NAME);
const env = { ...process.env, GARAGE_BUILD_SIGNING: signed ? 'signed' : 'unsigned' };
console.log(`Building ${signed ? 'SIGNED' : 'UNSIGNED'} installers`);
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env });
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('electron-builder/cli.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
