import { describe, expect, it } from 'vitest';
import { DAY_MS, decideUpdates, isMsiInstall } from '../../../../main/update/update-policy.ts';

const base = { isPackaged: true, msiInstall: false, online: true, policy: { updateUrl: 'https://updates.garage-signin.example/' } };

describe('update decisions', () => {
  it('checks the policy’s feed on the stable channel, daily, installing on quit', () => {
    expect(decideUpdates(base)).toEqual({ action: 'check', feedUrl: 'https://updates.garage-signin.example/', channel: 'stable', allowPrerelease: false, intervalMs: DAY_MS, installOnQuit: true });
  });

  it('follows the beta channel when the policy says so', () => {
    expect(decideUpdates({ ...base, policy: { ...base.policy, channel: 'beta' } })).toMatchObject({ action: 'check', channel: 'beta', allowPrerelease: true });
  });

  it.each([
    ['a managed install (policy)', { ...base, policy: { ...base.policy, updates: 'managed' as const } }, 'managed-by-policy'],
    ['a per-machine MSI install', { ...base, msiInstall: true }, 'msi-install'],
    ['no feed configured', { ...base, policy: {} }, 'no-feed'],
    ['no policy at all', { ...base, policy: undefined }, 'no-feed'],
    ['a development run', { ...base, isPackaged: false }, 'development'],
  ])('never self-updates for %s', (_case, inputs, reason) => {
    expect(decideUpdates(inputs)).toEqual({ action: 'none', reason });
  });

  it('a managed policy wins even over an MSI install and a feed', () => {
    expect(decideUpdates({ ...base, msiInstall: true, policy: { updates: 'managed', updateUrl: 'https://u.example/' } })).toEqual({ action: 'none', reason: 'managed-by-policy' });
  });

  it('offline, it tries again later instead of failing', () => {
    expect(decideUpdates({ ...base, online: false })).toMatchObject({ action: 'retry-later', reason: 'offline', intervalMs: DAY_MS, feedUrl: base.policy?.updateUrl });
  });

  it('tells an MSI install from an NSIS one by the uninstaller NSIS leaves', () => {
    expect(isMsiInstall('win32', ['garage-signin.exe', 'resources'])).toBe(true);
    expect(isMsiInstall('win32', ['garage-signin.exe', 'Uninstall Garage Sign-In.exe'])).toBe(false);
    expect(isMsiInstall('linux', ['garage-signin'])).toBe(false);
  });
});
