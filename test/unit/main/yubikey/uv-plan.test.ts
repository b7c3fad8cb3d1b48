/**
 * How a ceremony verifies the technician, from the org's userVerification and the key's getInfo options.
 * The "uv" option is for built-in verification only; a PIN-only key gets the PIN, or a new one.
 */
import { describe, expect, it } from 'vitest';
import { uvPlan } from '../../../../main/yubikey/uv-plan.ts';

const key = (options: Record<string, boolean>) => new Map(Object.entries(options));
const pinOnlyWithPin = key({ rk: true, up: true, clientPin: true });
const pinOnlyNoPin = key({ rk: true, up: true, clientPin: false });
const fingerprint = key({ rk: true, up: true, uv: true, clientPin: true });
const noPinSupport = key({ rk: false, up: true });

describe('user verification plan', () => {
  it('"required": the fingerprint where there is one, else the PIN, else a new PIN; a key with neither cannot serve', () => {
    expect(uvPlan('required', fingerprint)).toEqual({ ok: true, value: 'builtin' });
    expect(uvPlan('required', pinOnlyWithPin)).toEqual({ ok: true, value: 'pin' });
    expect(uvPlan('required', pinOnlyNoPin)).toEqual({ ok: true, value: 'create-pin' });
    expect(uvPlan('required', noPinSupport)).toMatchObject({ ok: false, error: { code: 'E_CTAP_CANNOT_VERIFY' } });
  });

  it('"preferred": what the key already has, never a new PIN', () => {
    expect(uvPlan('preferred', fingerprint)).toEqual({ ok: true, value: 'builtin' });
    expect(uvPlan('preferred', pinOnlyWithPin)).toEqual({ ok: true, value: 'pin' });
    expect(uvPlan('preferred', pinOnlyNoPin)).toEqual({ ok: true, value: 'none' });
    expect(uvPlan('preferred', noPinSupport)).toEqual({ ok: true, value: 'none' });
  });

  it('"discouraged" or absent: nothing, unless the key always verifies (alwaysUv)', () => {
    expect(uvPlan('discouraged', pinOnlyWithPin)).toEqual({ ok: true, value: 'none' });
    expect(uvPlan(undefined, fingerprint)).toEqual({ ok: true, value: 'none' });
    expect(uvPlan('discouraged', key({ clientPin: true, alwaysUv: true }))).toEqual({ ok: true, value: 'pin' });
  });
});
