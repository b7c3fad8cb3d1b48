/**
 * Windows update signatures, decided by electron-updater itself: its NsisUpdater reads resources/app-update.yml
 * and runs PowerShell's Get-AuthenticodeSignature through child_process.execFile, mocked here (no Windows).
 * The yml is built the way electron-builder writes it (publish section of electron-builder.yml, the
 * publisherName `npm run dist` passes, updaterCacheDirName).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import type * as ChildProcess from 'node:child_process';
import type * as ElectronUpdater from 'electron-updater';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publisherArgs, shippedUpdateConfigProblems } from '../../../scripts/update-signing.ts';

const require = createRequire(import.meta.url);
const childProcess = require('child_process') as typeof ChildProcess;
const { NsisUpdater } = require('electron-updater') as typeof ElectronUpdater;

const root = join(import.meta.dirname, '../../..');
const OURS = 'CN=Garage Sign-In Inc., O=Garage Sign-In Inc., L=Montreal, S=Quebec, C=CA';
const builderConfig = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { publish: Record<string, unknown> | null };

/** resources/app-update.yml as electron-builder writes it (PublishManager: publish config + cache dir + publisherName). */
function appUpdateYml(publisherName?: string): string {
  return dump({ ...builderConfig.publish, updaterCacheDirName: 'garage-signin-updater', ...(publisherName ? { publisherName } : {}) });
}

/** electron-updater's Windows updater on a fake app adapter, with the given app-update.yml (or none). */
function updater(yml: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'garage-update-'));
  const configPath = join(dir, 'app-update.yml');
  if (yml !== undefined) writeFileSync(configPath, yml);
  const app = { version: '0.1.0', name: 'garage-signin', isPackaged: true, appUpdateConfigPath: configPath, userDataPath: dir, baseCachePath: dir, whenReady: async () => undefined, relaunch: () => undefined, quit: () => undefined, onQuit: () => undefined };
  const nsis = new NsisUpdater(null, app);
  nsis.logger = null;
  const installer = join(dir, 'Garage Sign-In-Setup-0.2.0.exe');
  // verifySignature is electron-updater's own step between download and install (NsisUpdater.doDownloadUpdate).
  const verify = () => (nsis as unknown as { verifySignature: (file: string) => Promise<string | null> }).verifySignature(installer);
  return { verify, installer };
}

/** What Get-AuthenticodeSignature … | ConvertTo-Json prints for the downloaded installer. */
function powershellSays(signature: { Status: number; Subject?: string; Path: string }) {
  const json = JSON.stringify({ Status: signature.Status, StatusMessage: signature.Status === 0 ? 'Signature verified.' : 'The file is not digitally signed.', Path: signature.Path, SignerCertificate: signature.Subject ? { Subject: signature.Subject, Thumbprint: 'AB12' } : null });
  return vi.spyOn(childProcess, 'execFile').mockImplementation(((...args: unknown[]) => {
    (args.at(-1) as (error: Error | null, stdout: string, stderr: string) => void)(null, json, '');
    return {} as ReturnType<typeof childProcess.execFile>;
  }) as typeof childProcess.execFile);
}

afterEach(() => vi.restoreAllMocks());

describe('Windows updates are installed only when signed by our publisher', () => {
  it('electron-builder.yml configures a publisher, so electron-builder writes app-update.yml at all', () => {
    expect(builderConfig.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\/[^/]+\.invalid\//) });
    expect(shippedUpdateConfigProblems(appUpdateYml(OURS), OURS)).toEqual([]);
  });

  it('accepts an installer whose Authenticode signer is our publisher, after asking PowerShell about that file', async () => {
    const { verify, installer } = updater(appUpdateYml(OURS));
    const execFile = powershellSays({ Status: 0, Subject: OURS, Path: installer });
    expect(await verify()).toBeNull();
    expect(execFile).toHaveBeenCalledOnce();
    expect(execFile.mock.calls[0]?.[1]).toEqual(expect.arrayContaining([expect.stringContaining(`Get-AuthenticodeSignature -LiteralPath '${installer}'`)]));
  });

  it.each([
    ['validly signed by someone else', { Status: 0, Subject: 'CN=Garage Sign-In Inc., O=Someone Else, C=CA' }],
    ['not signed at all', { Status: 2 }],
    ['signed by us but the signature does not verify (tampered)', { Status: 1, Subject: OURS }],
  ])('refuses an installer %s', async (_case, signature) => {
    const { verify, installer } = updater(appUpdateYml(OURS));
    powershellSays({ ...signature, Path: installer });
    expect(await verify()).toMatch(/^publisherNames: CN=Garage Sign-In Inc\., O=Garage Sign-In Inc\./);
  });

  it.each([
    ['no app-update.yml (what `publish: null` shipped)', undefined],
    ['an app-update.yml without publisherName (an unsigned build)', appUpdateYml()],
  ])('with %s electron-updater verifies nothing and would install any installer', async (_case, yml) => {
    const { verify, installer } = updater(yml);
    const execFile = powershellSays({ Status: 2, Path: installer });
    expect(await verify()).toBeNull();
    expect(execFile).not.toHaveBeenCalled();
    expect(shippedUpdateConfigProblems(yml, OURS)).not.toEqual([]);
  });
});

describe('npm run dist names the publisher of a signed Windows build', () => {
  it('passes the signing identity to electron-builder for a signed Windows build', () => {
    expect(publisherArgs({ WIN_CSC_LINK: 'base64…', WIN_PUBLISHER_NAME: OURS }, ['--win', 'nsis', 'msi', '--publish', 'never'])).toEqual({ ok: true, args: [`-c.win.signtoolOptions.publisherName=${OURS}`], publisherName: OURS });
  });

  it.each([
    ['no WIN_PUBLISHER_NAME', { WIN_CSC_LINK: 'base64…' }, /WIN_PUBLISHER_NAME is not set/],
    ['a CN alone', { WIN_CSC_LINK: 'base64…', WIN_PUBLISHER_NAME: 'Garage Sign-In Inc.' }, /full DN/],
    ['a DN without organisation', { CSC_LINK: 'base64…', WIN_PUBLISHER_NAME: 'CN=Garage' }, /full DN/],
  ])('stops a signed Windows build with %s', (_case, env, message) => {
    expect(publisherArgs(env, ['--win'])).toMatchObject({ ok: false, error: expect.stringMatching(message) });
  });

  it('needs nothing for unsigned or non-Windows builds', () => {
    expect(publisherArgs({}, ['--win'])).toEqual({ ok: true, args: [] });
    expect(publisherArgs({ CSC_LINK: 'base64…' }, ['--mac', 'dmg'])).toEqual({ ok: true, args: [] });
  });

  it('refuses a shipped app-update.yml that names another or several publishers', () => {
    expect(shippedUpdateConfigProblems(appUpdateYml('CN=Other, O=Other'), OURS)).toEqual([expect.stringMatching(/expected exactly/)]);
    expect(shippedUpdateConfigProblems(dump({ ...load(appUpdateYml()) as object, publisherName: [OURS, 'CN=Other, O=Other'] }), OURS)).toEqual([expect.stringMatching(/expected exactly/)]);
    expect(shippedUpdateConfigProblems('provider: [', OURS)).toEqual([expect.stringMatching(/not YAML/)]);
  });
});
