/**
 * The app's services composed the way the test stack composes them, but against an org in another process
 * (the org CLI's `serve`), which a test can SIGKILL and start again on the same port. No bridge: tests call
 * the handler table, whose results are what the screens show.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import QRCode from 'qrcode';
import { compose, type Composition } from '../../../main/compose.ts';
import type { Clock } from '../../../main/core/clock.ts';
import { cryptoRandom } from '../../../main/core/random.ts';
import { silentLogger } from '../../../main/core/redact.ts';
import { createMemorySecretStore } from '../../../main/keychain/memory-secret-store.ts';
import { createConfSettingsStore } from '../../../main/settings/conf-settings-store.ts';

export function appAgainst(orgUrl: string, dataDir: string, clock: Clock): Composition {
  return compose({
    orgUrl,
    trainingOrg: true,
    version: '0.1.0',
    build: '0.1.0 (fault suite)',
    updates: 'development',
    platform: `${process.platform} ${process.arch} (fault suite)`,
    diagnosticsUrl: new URL('/diagnostics', orgUrl).toString(),
    supportUrl: orgUrl,
    allowedHosts: [new URL(orgUrl).host],
    dataDir: join(dataDir, 'app'),
    random: cryptoRandom,
    listKeys: async () => [],
    keyPath: { path: 'renderer', reason: 'browser-preview' },
    openExternal: async () => undefined,
    emit: () => undefined,
    fetch: (input, init) => fetch(input, init),
    clock,
    sleep: (ms) => sleep(ms),
    log: silentLogger,
    settings: createConfSettingsStore(join(dataDir, 'app')),
    secretStore: createMemorySecretStore(),
    defaultLanguage: 'fr',
    qrDataUrl: (text) => QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
  });
}
