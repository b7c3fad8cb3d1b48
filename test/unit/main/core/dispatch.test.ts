import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowOrigins, createDispatch, type Handlers } from '../../../../main/core/dispatch.ts';
import { ok } from '../../../../main/core/result.ts';
import { createLogger, silentLogger } from '../../../../main/core/redact.ts';
import { CHANNEL_NAMES, channels } from '../../../../preload/contract.ts';
import { recordingHandlers } from '../../../support/test-handlers.ts';

const app = { origin: 'app://garage', isMainFrame: true, isAppWindow: true };

describe('dispatch', () => {
  it('refuses an unknown channel name, including inherited object keys', async () => {
    const dispatch = createDispatch(recordingHandlers().handlers, allowOrigins(['app://garage']), silentLogger);
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      expect(await dispatch(name, {}, app)).toEqual({ ok: false, error: { code: 'E_IPC_UNKNOWN_CHANNEL' } });
    }
  });

  it('turns a throwing handler into E_INTERNAL and logs it without the secret', async () => {
    const lines: string[] = [];
    const handlers = { ...recordingHandlers().handlers, 'auth.signIn': async () => { throw new Error('boom stateToken=abc123secret'); } } as unknown as Handlers;
    const dispatch = createDispatch(handlers, allowOrigins(['app://garage']), createLogger((line) => lines.push(line)));
    expect(await dispatch('auth.signIn', { username: 'a@b.c', password: 'pw' }, app)).toEqual({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(lines.join('\n')).not.toContain('abc123secret');
  });

  it('refuses to ship a response that carries a field outside the contract (a leaked stateToken)', async () => {
    const handlers = {
      ...recordingHandlers().handlers,
      'auth.state': async () => ok({ status: 'MFA_REQUIRED', canGoBack: false, canSkip: false, stateToken: '00abc' }),
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, allowOrigins(['app://garage']), silentLogger);
    expect(await dispatch('auth.state', {}, app)).toEqual({ ok: false, error: { code: 'E_INTERNAL' } });
  });

  it('strips an error cause before it crosses the bridge', async () => {
    const handlers = {
      ...recordingHandlers().handlers,
      'auth.state': async () => ({ ok: false, error: { code: 'E_AUTH_BAD_CREDENTIALS', oktaCode: 'E0000004', cause: { stateToken: 'x' } } }),
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, allowOrigins(['app://garage']), silentLogger);
    expect(await dispatch('auth.state', {}, app)).toEqual({ ok: false, error: { code: 'E_AUTH_BAD_CREDENTIALS', oktaCode: 'E0000004' } });
  });

  it('carries Identity Engine message keys as the Okta code (longer than Classic’s E0000…), not E_INTERNAL', async () => {
    const key = 'authfactor.challenge.soft_token.invalid_passcode';
    const handlers = {
      ...recordingHandlers().handlers,
      'auth.verify': async () => ({ ok: false, error: { code: 'E_AUTH_INVALID_PASSCODE', oktaCode: key } }),
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, allowOrigins(['app://garage']), silentLogger);
    expect(await dispatch('auth.verify', { factorId: 'autG', passCode: '000000' }, app)).toEqual({ ok: false, error: { code: 'E_AUTH_INVALID_PASSCODE', oktaCode: key } });
  });

  it('answers any payload on any channel with a valid contract response, never a throw', async () => {
    const dispatch = createDispatch(recordingHandlers().handlers, allowOrigins(['app://garage']), silentLogger);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES), fc.anything(), async (channel, payload) => {
        const response = await dispatch(channel, payload, app);
        expect(channels[channel].response.safeParse(response).success).toBe(true);
        if (!response.ok) expect(['E_IPC_BAD_REQUEST', 'E_INTERNAL']).toContain(response.error.code);
      }),
      { numRuns: 2000 },
    );
  });
});
