/**
 * `npm run preview`: the app in any browser through the browser shell (main/browser-shell/), on the
 * embedded local org with its data in .data/preview/. For machines without an Electron binary, and for
 * support staff rehearsing a phone call. The printed URL carries this run's token: only whoever started
 * the preview sees it; opening it gives the browser the session cookie every request needs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../main/core/redact.ts';
import { startBrowserApp } from '../main/browser-shell/start-browser-app.ts';
import { isEngine } from '../main/local-org/idx/engine.ts';

const root = join(import.meta.dirname, '..');
const rendererDir = join(root, 'out/renderer');
const args = (() => {
  try {
    return parseArgs({ options: { engine: { type: 'string' }, build: { type: 'boolean' } }, strict: true }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\nUsage: npm run preview -- [--engine classic|identity] [--build]`);
    process.exit(2);
  }
})();
if (!existsSync(join(rendererDir, 'index.html')) || args.build === true) {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'renderer', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
const port = Number(process.env.GARAGE_PREVIEW_PORT ?? 5180);
// A fixed org port: the org's e-mails and links keep working across restarts of the preview.
const orgPort = Number(process.env.GARAGE_PREVIEW_ORG_PORT ?? port + 1);
const log = createLogger((line) => {
  if (process.env.GARAGE_PREVIEW_VERBOSE === '1' || line.includes('"level":"error"') || line.includes('browser-shell.')) console.error(line);
});
// `--engine identity` (or GARAGE_PREVIEW_ENGINE=identity) runs the preview on Okta Identity Engine. Each engine
// keeps its own org folder, so both demo orgs stay ready and neither is refused for holding the other engine.
const engine = args.engine ?? process.env.GARAGE_PREVIEW_ENGINE ?? 'classic';
if (!isEngine(engine)) {
  console.error('--engine must be classic or identity.');
  process.exit(2);
}
const preview = await startBrowserApp({
  rendererDir,
  dataDir: join(root, engine === 'classic' ? '.data/preview' : `.data/preview-${engine}`),
  port,
  log,
  org: { port: orgPort, seedDemo: true, publishedDemoPasswords: true, engine },
}).catch((error: unknown) => {
  const busy = (error as { code?: string }).code === 'EADDRINUSE';
  console.error(busy ? `Port ${port} or ${orgPort} is already in use (another preview running?). Set GARAGE_PREVIEW_PORT to use other ports.` : String(error));
  process.exit(1);
});
const org = preview.app.org;
console.log(`GARAGE_PREVIEW_URL=${preview.shell.url}`);
if (org) {
  console.log(`LOCAL_ORG_URL=${org.url}`);
  console.log(`LOCAL_ORG_ENGINE=${org.engine()}`);
  console.log(`LOCAL_ORG_CLIENT_ID=${org.clients.native}`);
  for (const user of org.seeded) {
    const extras = [user.password ? `password ${user.password}` : '', user.totpSecret ? `authenticator key ${user.totpSecret}` : '', user.activationUrl ?? ''].filter(Boolean);
    console.log(`DEMO_USER=${user.login} (${user.note}${extras.length ? `; ${extras.join('; ')}` : ''})`);
  }
  if (org.seeded.length === 0) console.log(`Demo users were created on the first start; list them with: npm run org -- user:list --data ${join(root, engine === 'classic' ? '.data/preview' : `.data/preview-${engine}`, 'org')}`);
}
console.log(`Open ${preview.shell.url} in a browser (the address carries this run's token: do not share it). Support console and device simulator: ${org?.url ?? '(org)'}/admin, ${org?.url ?? '(org)'}/device`);
console.log('Press Ctrl+C to stop.');
const stop = async () => {
  await preview.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
