/**
 * `npm run preview`: the real renderer in any browser, talking to the real main-process services through
 * the loopback bridge, on the embedded local org (persistent data in .data/). For machines without an
 * Electron binary, and for support staff rehearsing a phone call.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERER_DIR, startStack } from '../test/support/bootstrap.ts';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(RENDERER_DIR, 'index.html')) || process.argv.includes('--build')) {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'renderer', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
const port = Number(process.env.GARAGE_PREVIEW_PORT ?? 5180);
const stack = await startStack({ dataDir: join(root, '.data/preview'), bridgePort: port, seedDemo: true });
console.log(`GARAGE_PREVIEW_URL=${stack.bridge.url}`);
console.log(`LOCAL_ORG_URL=${stack.org.url}`);
console.log(`Open ${stack.bridge.url} in a browser. Support console and device simulator: ${stack.org.url}/admin, ${stack.org.url}/device`);
console.log('Press Ctrl+C to stop.');
const stop = async () => {
  await stack.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
