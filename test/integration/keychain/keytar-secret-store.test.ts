/**
 * The real OS keychain: gnome-keyring's Secret Service in a private D-Bus session (scripts/with-keyring.sh,
 * which `npm test` uses). Outside that wrapper the round-trip suite is skipped and says why; the
 * failure cases spawn their own sessions, so they run wherever dbus-run-session exists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../../main/keychain/keytar-secret-store.ts';
import { secretStoreSuite } from '../../support/secret-store-suite.ts';

const insideKeyring = process.env.GARAGE_KEYRING === '1';
const probeScript = join(import.meta.dirname, 'keychain-probe.ts');
const hasDbus = spawnSync('sh', ['-c', 'command -v dbus-run-session']).status === 0;

if (insideKeyring) secretStoreSuite('keytar and the Secret Service', () => createKeytarSecretStore());
else describe.skip('SecretStore over keytar: run inside scripts/with-keyring.sh (npm test does) to use a real Secret Service', () => undefined);

/** Runs the probe in a child process with the given environment; answers its availability() result. */
function probe(env: NodeJS.ProcessEnv, wrap: string[] = []): unknown {
  const [command, ...args] = [...wrap, process.execPath, probeScript];
  const out = execFileSync(command as string, args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(out.trim().split('\n').at(-1) ?? 'null');
}

describe('when the keychain cannot be used, the app is told why and nothing crashes', () => {
  it('no session bus at all → E_KEYCHAIN_UNAVAILABLE', () => {
    expect(probe({})).toMatchObject({ ok: false, error: { code: 'E_KEYCHAIN_UNAVAILABLE' } });
  });

  it('a bus address that leads nowhere → E_KEYCHAIN_UNAVAILABLE', () => {
    expect(probe({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' })).toMatchObject({ ok: false, error: { code: 'E_KEYCHAIN_UNAVAILABLE' } });
  });

  it.skipIf(!hasDbus)('a Secret Service whose keyring is locked (no one to type its password) → E_KEYCHAIN_LOCKED', () => {
    expect(probe({ XDG_DATA_HOME: mkdtempSync(join(tmpdir(), 'garage-locked-')) }, ['dbus-run-session', '--'])).toMatchObject({ ok: false, error: { code: 'E_KEYCHAIN_LOCKED' } });
  });
});
