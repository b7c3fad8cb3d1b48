import { describe, expect, it } from 'vitest';
import { createAuthService } from '../../../../main/auth/auth-service.ts';
import type { FetchLike } from '../../../../main/auth/authn-http.ts';
import { manualClock } from '../../../../main/core/clock.ts';
import { silentLogger } from '../../../../main/core/redact.ts';

const ORG = 'https://garage.okta.test';
const T0 = Date.parse('2026-05-01T10:00:00Z');

/** Bodies follow the authn reference samples (okta-authn.md §10). */
const mfaRequired = (links: { verify?: string } = {}) => ({
  stateToken: '00stateTokenSecretValue',
  expiresAt: '2026-05-01T10:05:00.000Z',
  status: 'MFA_REQUIRED',
  _embedded: {
    user: { id: '00u1', profile: { login: 'ana@garage.test', firstName: 'Ana', lastName: 'Silva' } },
    factors: [
      {
        id: 'uft1',
        factorType: 'token:software:totp',
        provider: 'GOOGLE',
        profile: { credentialId: 'ana@garage.test' },
        _links: { verify: { href: links.verify ?? `${ORG}/api/v1/authn/factors/uft1/verify`, hints: { allow: ['POST'] } } },
      },
    ],
  },
  _links: { cancel: { href: `${ORG}/api/v1/authn/cancel`, hints: { allow: ['POST'] } } },
});
const success = { expiresAt: '2026-05-01T10:05:00.000Z', status: 'SUCCESS', sessionToken: '20111sessionTokenSecret', _embedded: { user: { id: '00u1', profile: { login: 'ana@garage.test' } } } };

function setup(replies: Array<{ status: number; body: unknown }>) {
  const sent: Array<{ url: string; body: Record<string, unknown> }> = [];
  const fetcher: FetchLike = async (url, init) => {
    sent.push({ url, body: JSON.parse(init.body ?? '{}') as Record<string, unknown> });
    const reply = replies.shift() ?? { status: 500, body: {} };
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };
  const clock = manualClock(T0);
  const auth = createAuthService({
    orgUrl: ORG,
    fetch: fetcher,
    clock,
    sleep: async () => undefined,
    log: silentLogger,
    totpQr: async () => 'data:image/png;base64,AA==',
    imageFromOrg: async () => undefined,
  });
  return { auth, sent, clock };
}

describe('auth service', () => {
  it('starts at the one URL it builds and then follows the links Okta publishes', async () => {
    const { auth, sent } = setup([
      { status: 200, body: mfaRequired({ verify: `${ORG}/api/v1/authn/factors/uft1/verify?rememberDevice=false` }) },
      { status: 200, body: success },
    ]);
    await auth.signIn('ana@garage.test', 'pw');
    const result = await auth.verify('uft1', { passCode: '123456' });
    expect(result).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login: 'ana@garage.test' } } });
    expect(sent.map((s) => s.url)).toEqual([`${ORG}/api/v1/authn`, `${ORG}/api/v1/authn/factors/uft1/verify?rememberDevice=false`]);
    expect(sent[1]?.body).toEqual({ passCode: '123456', stateToken: '00stateTokenSecretValue' });
  });

  it('refuses to send the stateToken to a link on another origin', async () => {
    const { auth, sent } = setup([{ status: 200, body: mfaRequired({ verify: 'https://evil.example/api/v1/authn/factors/uft1/verify' }) }]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('uft1', { passCode: '123456' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_NOT_ALLOWED' } });
    expect(sent).toHaveLength(1);
  });

  it('keeps every token out of the view model', async () => {
    const { auth } = setup([{ status: 200, body: mfaRequired() }, { status: 200, body: success }]);
    const first = await auth.signIn('ana@garage.test', 'pw');
    const second = await auth.verify('uft1', { passCode: '123456' });
    expect(JSON.stringify([first, second, auth.view()])).not.toMatch(/stateTokenSecret|sessionTokenSecret/);
  });

  it('leaves the expiry to the org: a PC clock 10 minutes fast still signs in', async () => {
    const { auth, sent, clock } = setup([{ status: 200, body: mfaRequired() }, { status: 200, body: success }]);
    clock.advance(10 * 60_000);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('uft1', { passCode: '123456' })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(sent).toHaveLength(2);
  });

  it('keeps the transaction when the PC clock jumps 10 minutes either way before the code is sent', async () => {
    for (const jump of [10 * 60_000, -10 * 60_000]) {
      const { auth, clock } = setup([{ status: 200, body: mfaRequired() }, { status: 200, body: success }]);
      await auth.signIn('ana@garage.test', 'pw');
      clock.advance(jump);
      expect(await auth.verify('uft1', { passCode: '123456' })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    }
  });

  it('forgets the transaction when the org says the stateToken is no longer valid (E0000011)', async () => {
    const { auth } = setup([{ status: 200, body: mfaRequired() }, { status: 401, body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided' } }]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('uft1', { passCode: '123456' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_TRANSACTION_EXPIRED', oktaCode: 'E0000011' } });
    expect(auth.view().status).toBe('NONE');
  });

  it('keeps the transaction after a wrong code so the technician can try again', async () => {
    const { auth } = setup([{ status: 200, body: mfaRequired() }, { status: 403, body: { errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer' } }]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('uft1', { passCode: '000000' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_INVALID_PASSCODE' } });
    expect(auth.view().status).toBe('MFA_REQUIRED');
  });

  it('hands the session token out once, and not after its 5 minutes', async () => {
    const first = setup([{ status: 200, body: success }]);
    await first.auth.signIn('ana@garage.test', 'pw');
    expect(first.auth.takeHandOffGrant()).toMatchObject({ kind: 'session-token', sessionToken: '20111sessionTokenSecret' });
    expect(first.auth.takeHandOffGrant()).toBeUndefined();
    const late = setup([{ status: 200, body: success }]);
    await late.auth.signIn('ana@garage.test', 'pw');
    late.clock.advance(5 * 60_000 + 1);
    expect(late.auth.takeHandOffGrant()).toBeUndefined();
  });

  it('refuses to enroll a factor the org does not offer', async () => {
    const { auth, sent } = setup([{ status: 200, body: mfaRequired() }]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.enroll('push-okta')).toMatchObject({ ok: false, error: { code: 'E_AUTH_FACTOR_NOT_ALLOWED' } });
    expect(sent).toHaveLength(1);
  });

  it('keeps the TOTP seed out of every state reply and hands it to the enrollment screen\'s own request until activation ends', async () => {
    const SEED = 'JBSWY3DPEHPK3PXPSEEDSEED';
    const activating = {
      stateToken: '00stateTokenSecretValue',
      expiresAt: '2026-05-01T10:05:00.000Z',
      status: 'MFA_ENROLL_ACTIVATE',
      _embedded: {
        user: { id: '00u1', profile: { login: 'ana@garage.test' } },
        factor: { id: 'uft9', factorType: 'token:software:totp', provider: 'GOOGLE', _embedded: { activation: { timeStep: 30, sharedSecret: SEED, encoding: 'base32', keyLength: 6 } } },
      },
      _links: { next: { name: 'activate', href: `${ORG}/api/v1/authn/factors/uft9/lifecycle/activate` }, cancel: { href: `${ORG}/api/v1/authn/cancel` } },
    };
    const { auth } = setup([{ status: 200, body: activating }, { status: 403, body: { errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer' } }, { status: 200, body: success }]);
    const shown = await auth.signIn('ana@garage.test', 'pw');
    expect(shown).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE', activation: { kind: 'totp', digits: 6, period: 30 } } });
    expect(JSON.stringify([shown, auth.view()])).not.toContain(SEED);
    expect(await auth.totpSetup()).toMatchObject({ ok: true, value: { manualKey: SEED, qrDataUrl: 'data:image/png;base64,AA==', digits: 6, period: 30 } });
    // A wrong code keeps the step (the screen asks again after Help and back).
    expect(JSON.stringify(await auth.activate('000000'))).not.toContain(SEED);
    expect(await auth.totpSetup()).toMatchObject({ ok: true, value: { manualKey: SEED } });
    await auth.activate('123456');
    expect(await auth.totpSetup()).toMatchObject({ ok: false, error: { code: 'E_AUTH_NOT_ALLOWED' } });
    expect(auth.totpSecretInProgress()).toBeUndefined();
  });

  it('keeps the signed-in technician\'s hand-off when an activation link is refused, and replaces it when one is accepted', async () => {
    const refused = { status: 401, body: { errorCode: 'E0000004', errorSummary: 'Authentication failed' } };
    const activation = { stateToken: '00stateTokenSecretValue', status: 'PASSWORD_RESET', recoveryType: 'ACCOUNT_ACTIVATION', _embedded: { user: { id: '00u2', profile: { login: 'bo@garage.test' } } }, _links: {} };
    const { auth } = setup([{ status: 200, body: success }, refused, { status: 200, body: success }, { status: 200, body: activation }]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.redeemToken('forged-by-a-web-page')).toMatchObject({ ok: false });
    expect(auth.hasSession()).toBe(true);
    expect(auth.takeHandOffGrant()).toMatchObject({ kind: 'session-token', sessionToken: '20111sessionTokenSecret' });
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.redeemToken('a-real-activation-token')).toMatchObject({ ok: true, value: { status: 'PASSWORD_RESET' } });
    expect(auth.takeHandOffGrant()).toBeUndefined();
  });
});
