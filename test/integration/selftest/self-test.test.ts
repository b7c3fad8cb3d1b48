import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../main/core/result.ts';
import { runSelfTest, type SelfTestDeps } from '../../../main/selftest/self-test.ts';
import { startLocalOrg, type LocalOrg } from '../../../main/local-org/server.ts';

let org: LocalOrg;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'garage-selftest-'));
  org = await startLocalOrg({ dataDir: dir, port: 0 });
});
afterAll(async () => {
  await org.close();
  await rm(dir, { recursive: true, force: true });
});

function deps(patch: Partial<SelfTestDeps> = {}): SelfTestDeps {
  return {
    orgUrl: org.url,
    fetch: (input, init) => fetch(input, init),
    clock: { nowMs: () => Date.now() },
    policy: ok(undefined),
    keychain: async () => ok(true),
    keychainRequired: false,
    listKeys: async () => [],
    ...patch,
  };
}

describe('self-test against the local org', () => {
  it('passes on a healthy workstation', async () => {
    const report = await runSelfTest(deps());
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.id)).toEqual(['policy', 'org', 'clock', 'keychain', 'yubikey']);
  });

  it('reports a broken org URL', async () => {
    const report = await runSelfTest(deps({ orgUrl: 'http://localhost:9' }));
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.id === 'org')).toMatchObject({ ok: false, code: 'E_NET_UNREACHABLE' });
  });

  it('reports a drifted clock (injected: 3 minutes slow)', async () => {
    const report = await runSelfTest(deps({ clock: { nowMs: () => Date.now() - 180_000 } }));
    expect(report.checks.find((check) => check.id === 'clock')).toMatchObject({ ok: false, code: 'E_CLOCK_DRIFT' });
  });

  it('a missing keychain fails only where the policy needs it', async () => {
    const missing = async () => ({ ok: false as const, error: { code: 'E_KEYCHAIN_UNAVAILABLE' as const } });
    expect((await runSelfTest(deps({ keychain: missing }))).ok).toBe(true);
    expect((await runSelfTest(deps({ keychain: missing, keychainRequired: true }))).checks.find((check) => check.id === 'keychain')).toMatchObject({ ok: false, code: 'E_KEYCHAIN_UNAVAILABLE' });
  });

  it('says how security keys are driven; unlisted USB devices fail only where the app drives keys itself', async () => {
    const unlisted = async () => {
      throw new Error('hid_enumerate: access denied');
    };
    const native = await runSelfTest(deps({ listKeys: unlisted, keyPath: { path: 'native-hid', reason: 'hid-available' } }));
    expect(native.checks.find((check) => check.id === 'yubikey')).toMatchObject({ ok: false, code: 'E_HID_ACCESS_DENIED', detail: expect.stringContaining('driven by the app over USB') });
    const windows = await runSelfTest(deps({ listKeys: unlisted, keyPath: { path: 'os-webauthn', reason: 'windows-hid-needs-admin' } }));
    expect(windows.checks.find((check) => check.id === 'yubikey')).toMatchObject({ ok: true, detail: expect.stringContaining("Windows' security-key window") });
    const plugged = await runSelfTest(deps({ listKeys: async () => [{ product: 'YubiKey 5 NFC' }], keyPath: { path: 'native-hid', reason: 'windows-admin' } }));
    expect(plugged.checks.find((check) => check.id === 'yubikey')?.detail).toBe('YubiKey 5 NFC; security keys driven by the app over USB (running as administrator)');
  });

  it('the CLI prints the report and exits non-zero when a check fails', async () => {
    // Asynchronous: the org answering the CLI runs in this very process.
    const run = promisify(execFile);
    const script = join(import.meta.dirname, '../../../scripts/selftest.ts');
    const env = { ...process.env, GARAGE_SIGNIN_POLICY: join(dir, 'none.json') };
    const good = await run(process.execPath, [script, '--org', org.url], { env });
    expect(good.stdout).toMatch(/PASS[\s\S]*OK\s+org/);
    const failed = await run(process.execPath, [script, '--org', 'http://localhost:9'], { env }).catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stdout: string }).stdout).toMatch(/FAIL\s+org/);
  });
});
