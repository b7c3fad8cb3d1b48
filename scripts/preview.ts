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
// A fixed org port: the org's e-mails and links keep working across restarts of the preview.
const orgPort = Number(process.env.GARAGE_PREVIEW_ORG_PORT ?? port + 1);
const stack = await startStack({ dataDir: join(root, '.data/preview'), bridgePort: port, orgPort, seedDemo: true }).catch((error: unknown) => {
  const busy = (error as { code?: string }).code === 'EADDRINUSE';
  console.error(busy ? `Port ${port} or ${orgPort} is already in use (another preview running?). Set GARAGE_PREVIEW_PORT to use other ports.` : String(error));
  process.exit(1);
});
console.log(`GARAGE_PREVIEW_URL=${stack.bridge.url}`);
console.log(`LOCAL_ORG_URL=${stack.org.url}`);
for (const user of stack.org.seeded) {
  const extras = [user.password ? `password ${user.password}` : '', user.totpSecret ? `authenticator key ${user.totpSecret}` : '', user.activationUrl ?? ''].filter(Boolean);
  console.log(`DEMO_USER=${user.login} (${user.note}${extras.length ? `; ${extras.join('; ')}` : ''})`);
}
if (stack.org.seeded.length === 0) console.log(`Demo users were created on the first start; list them with: npm run org -- user:list --data ${join(root, '.data/preview/org')}`);
console.log(`Open ${stack.bridge.url} in a browser. Support console and device simulator: ${stack.org.url}/admin, ${stack.org.url}/device`);
console.log('Press Ctrl+C to stop.');
const stop = async () => {
  await stack.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
