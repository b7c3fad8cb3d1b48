/**
 * The engine-aware service forwards every call about the transaction in progress to the client that holds
 * it, with the caller's arguments and the client's answer unchanged; only a new sign-in picks the engine.
 */
import { describe, expect, it } from 'vitest';
import type { AuthService } from '../../../../main/auth/auth-service.ts';
import { createEngineAwareAuthService } from '../../../../main/auth/engine-aware-auth-service.ts';
import { createEngineDetector, type EnginePin } from '../../../../main/auth/engine-detection.ts';
import { manualClock } from '../../../../main/core/clock.ts';
import { silentLogger } from '../../../../main/core/redact.ts';
import { ok } from '../../../../main/core/result.ts';

const CHOOSES_ENGINE = new Set(['signIn', 'redeemToken', 'engine', 'activeEngine']);

/** A client that records each call and answers with its own name, so the test sees which one ran. */
function recordingClient(name: string, calls: unknown[][]): AuthService {
  const answer = (method: string, args: unknown[]) => {
    calls.push([name, method, ...args]);
    return method === 'signIn' || method === 'redeemToken' || method === 'cancel' ? Promise.resolve(ok({ status: 'NONE', canGoBack: false, canSkip: false })) : `${name}.${method}`;
  };
  // The fake answers any method name; the service under test only reaches it through AuthService's keys.
  return new Proxy({}, { get: (_target, method) => (...args: unknown[]) => answer(String(method), args) }) as AuthService;
}

function setup(pin: EnginePin) {
  const calls: unknown[][] = [];
  const detector = createEngineDetector({ orgUrl: 'https://garage.okta.test', fetch: () => Promise.reject(new Error('no network')), clock: manualClock(0), sleep: () => Promise.resolve(), pin });
  const auth = createEngineAwareAuthService({ detector, classic: recordingClient('classic', calls), identity: recordingClient('identity', calls), log: silentLogger });
  const forwarded = Object.keys(auth).filter((method) => !CHOOSES_ENGINE.has(method)) as Array<keyof AuthService>;
  return { auth, calls, forwarded };
}

describe('engine-aware auth service', () => {
  it('forwards every transaction call, arguments and answer unchanged, to the client that holds the transaction', async () => {
    const { auth, calls, forwarded } = setup('identity');
    expect(forwarded.length).toBeGreaterThan(15);
    await auth.signIn('ana@garage.test', 'pw');
    expect(auth.activeEngine()).toBe('identity');
    calls.length = 0;
    for (const method of forwarded) {
      const answer = (auth[method] as (...args: unknown[]) => unknown)('first', 2);
      if (method !== 'cancel') expect(answer).toBe(`identity.${method}`);
    }
    expect(calls).toEqual(forwarded.map((method) => ['identity', method, 'first', 2]));
  });

  it('sends the calls to Classic while no sign-in has chosen another engine', () => {
    const { auth, calls, forwarded } = setup('identity');
    for (const method of forwarded) (auth[method] as (...args: unknown[]) => unknown)();
    expect(calls.map(([client]) => client)).toEqual(forwarded.map(() => 'classic'));
  });
});
