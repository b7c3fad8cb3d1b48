import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyPath } from '../../../../main/settings/machine-policy.ts';
import { loadMachinePolicy, unsafeReason } from '../../../../main/settings/policy-loader.ts';

const SAMPLE = new URL('../../../../resources/policy.sample.json', import.meta.url).pathname;

function policyFile(content: string, mode = 0o644): string {
  const file = join(mkdtempSync(join(tmpdir(), 'garage-policy-')), 'policy.json');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

describe('machine policy', () => {
  it('reads the sample policy shipped for installers', async () => {
    const result = await loadMachinePolicy(SAMPLE);
    expect(result).toMatchObject({ ok: true, value: { orgUrl: 'https://fcawitech.okta.com', desktopAuthenticator: false, updates: 'managed' } });
  });

  it('reads the diagnostics web app of the Identity Engine hand-off', async () => {
    const file = policyFile('{"diagnosticsClientId":"0oaWeb","diagnosticsRedirectUri":"https://login.am.fcawitech.com/callback"}');
    expect(await loadMachinePolicy(file)).toEqual({ ok: true, value: { diagnosticsClientId: '0oaWeb', diagnosticsRedirectUri: 'https://login.am.fcawitech.com/callback' } });
  });

  it('means "no policy" when there is no file', async () => {
    expect(await loadMachinePolicy(join(tmpdir(), 'no-such-dir', 'policy.json'))).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['a misspelt key', '{"orgURL":"https://fcawitech.okta.com"}', 'orgURL'],
    ['plain http for the org', '{"orgUrl":"http://fcawitech.okta.com"}', 'orgUrl'],
    ['an unknown factor', '{"allowedFactors":["sms"]}', 'allowedFactors.0'],
    ['an idle time of zero', '{"idleSignOutMinutes":0}', 'idleSignOutMinutes'],
    ['text that is not JSON', '{ orgUrl: nope', '(not JSON)'],
    ['a diagnostics client id without its redirect URI', '{"diagnosticsClientId":"0oaWeb"}', 'diagnosticsRedirectUri'],
    ['a diagnostics redirect URI without its client id', '{"diagnosticsRedirectUri":"https://login.am.fcawitech.com/callback"}', 'diagnosticsClientId'],
    ['a diagnostics client id that is not an id', '{"diagnosticsClientId":"0oa&x=1","diagnosticsRedirectUri":"https://login.am.fcawitech.com/callback"}', 'diagnosticsClientId'],
    ['a diagnostics redirect URI over http', '{"diagnosticsClientId":"0oaWeb","diagnosticsRedirectUri":"http://login.am.fcawitech.com/callback"}', 'diagnosticsRedirectUri'],
  ])('refuses %s and names the file and the field', async (_case, content, field) => {
    const file = policyFile(content);
    const result = await loadMachinePolicy(file);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_POLICY_INVALID' } });
    if (!result.ok) expect(result.error.fields).toEqual([file, field]);
  });

  it('refuses a symlinked policy file (it could point at a file a technician controls)', async () => {
    const target = policyFile('{"desktopAuthenticator":true}');
    const link = join(mkdtempSync(join(tmpdir(), 'garage-policy-link-')), 'policy.json');
    symlinkSync(target, link);
    expect(await loadMachinePolicy(link)).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNSAFE_FILE', fields: [link] } });
  });

  it('refuses a world-writable policy file (any user could turn on the desktop authenticator)', async () => {
    const file = policyFile('{"desktopAuthenticator":true}', 0o666);
    expect(await loadMachinePolicy(file)).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNSAFE_FILE' } });
  });

  it('refuses a policy file owned by another, unprivileged user', () => {
    expect(unsafeReason({ isSymbolicLink: false, isFile: true, mode: 0o644, uid: 1234, size: 10 }, 'linux', 1000)).toBe('owned by another user');
    expect(unsafeReason({ isSymbolicLink: false, isFile: true, mode: 0o644, uid: 0, size: 10 }, 'linux', 1000)).toBeUndefined();
  });

  it('looks in the fixed per-OS location unless the override is set', () => {
    expect(policyPath('linux', {})).toBe('/etc/garage-signin/policy.json');
    expect(policyPath('darwin', {})).toBe('/Library/Application Support/Garage Sign-In/policy.json');
    expect(policyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Garage Sign-In\\policy.json');
    expect(policyPath('linux', { GARAGE_SIGNIN_POLICY: '/tmp/p.json' })).toBe('/tmp/p.json');
  });
});
