/**
 * `npm start`: builds the three bundles and starts the Electron app, which runs on its embedded local org
 * when no org is configured. Where no Electron binary is installed (build machines without internet
 * access to Electron's downloads), it says so and starts the browser preview of the same app instead.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary } from './electron-binary.ts';

const root = join(import.meta.dirname, '..');
const vite = join(root, 'node_modules/vite/bin/vite.js');
for (const mode of ['renderer', 'preload', 'main']) {
  execFileSync(process.execPath, [vite, 'build', '--mode', mode, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

const binary = electronBinary();
if (binary) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('No Electron binary is installed on this machine (it could not be downloaded here), so the app starts in its browser preview instead: open the address printed below.');
  await import('./preview.ts');
}
