/**
 * `app.info` is built from facts read when the page asks: the engine appears only once it was detected, the
 * authenticators only on Identity Engine, a drift once measured, and an unusable policy file as its code,
 * the file and the failing keys.
 */
import { describe, expect, it } from 'vitest';
import { AppInfoView } from '../../../preload/contract.ts';
import { createAppInfo, engineSeen, type AppInfoDeps } from '../../../main/app-info.ts';
import type { EngineDetection } from '../../../main/auth/engine-detection.ts';
import type { UserSettings } from '../../../main/settings/settings-schema.ts';

function deps(overrides: Partial<AppInfoDeps> = {}): AppInfoDeps {
  let settings: UserSettings = {};
  return {
    version: '1.2.0',
    build: '1.2.0 (abc, 2026-11-24, signed)',
    keyPath: { path: 'os-webauthn', reason: 'windows-hid-needs-admin' },
    updates: 'auto',
    orgHost: 'fcawitech.okta.com',
    trainingOrg: false,
    settings: { read: () => settings, update: (patch) => (settings = { ...settings, ...patch } as UserSettings) },
    policy: {},
    language: { get: () => 'fr', locked: false },
    engine: () => ({}),
    driftSeconds: () => undefined,
    ...overrides,
  };
}

describe('app info', () => {
  it('is a valid app.info reply with only the facts known so far', () => {
    const info = createAppInfo(deps())();
    expect(AppInfoView.safeParse(info).success).toBe(true);
    expect(info).not.toHaveProperty('engine');
    expect(info).not.toHaveProperty('clockDriftSeconds');
    expect(info).not.toHaveProperty('policyError');
  });

  it('reads the drift, the remembered username and the language at each call', () => {
    const measured: { seconds?: number } = {};
    const d = deps({ driftSeconds: () => measured.seconds });
    const info = createAppInfo(d);
    expect(info()).not.toHaveProperty('clockDriftSeconds');
    measured.seconds = -42;
    d.settings.update({ rememberedUsername: 'marc@garage.test' });
    expect(info()).toMatchObject({ clockDriftSeconds: -42, rememberedUsername: 'marc@garage.test', language: 'fr' });
  });

  it('names an unusable policy file by its code, the file and the failing keys', () => {
    const info = createAppInfo(deps({ policyError: { code: 'E_POLICY_INVALID', fields: ['/etc/garage/policy.json', 'orgUrl', 'engine'] } }))();
    expect(info.policyError).toEqual({ code: 'E_POLICY_INVALID', file: '/etc/garage/policy.json', fields: ['orgUrl', 'engine'] });
  });
});

describe('engine seen', () => {
  const identity = { offeredAuthenticators: () => ['google_otp', 'okta_verify'] };
  const detected = (engine: EngineDetection['engine']) => ({ engine: (): EngineDetection => ({ engine, detectedAtMs: 0, source: 'org' }) });

  it('says nothing before the org or the policy named an engine', () => {
    expect(engineSeen({ engine: () => undefined }, identity)).toEqual({});
  });

  it('lists the authenticators the org named on Identity Engine only', () => {
    expect(engineSeen(detected('identity'), identity)).toEqual({ engine: 'identity', authenticators: ['google_otp', 'okta_verify'] });
    expect(engineSeen(detected('classic'), identity)).toEqual({ engine: 'classic' });
  });
});
