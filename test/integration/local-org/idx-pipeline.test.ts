/**
 * The IDX pipeline and the token endpoint over raw HTTP: Okta-shaped failures (IDX messages with
 * i18n keys), the rules both engines share (lockout, passcode limit, TOTP replay across engines),
 * single-use interaction codes and refresh tokens, PKCE, expiry, logout, and bounded fuzzing of every
 * new route (no 5xx on malformed input).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { PASSWORD, signIn, startTestOrg, totpAt, type TestOrg, type HttpResult } from '../../support/local-org/test-org.ts';
import { pkcePair, postForm } from '../../support/local-org/oauth-client.ts';

const clock = manualClock(Date.now());
let t: TestOrg;
let classic: TestOrg;
const ION = 'application/ion+json; okta-version=1.0.0';

beforeAll(async () => {
  t = await startTestOrg({ clock, engine: 'identity', policy: { maxFailedPasswords: 3 } });
  classic = await startTestOrg();
});
afterAll(async () => {
  await t.close();
  await classic.close();
});

const idx = (path: string, body: unknown, contentType = 'application/json'): Promise<HttpResult> =>
  t.post(`/idp/idx/${path}`, body, { 'Content-Type': contentType, Accept: ION });

async function begin(scope = 'openid profile offline_access'): Promise<{ stateHandle: string; verifier: string; body: HttpResult['body'] }> {
  const { verifier, challenge } = pkcePair();
  const interact = await postForm(`${t.url}/oauth2/default/v1/interact`, {
    client_id: t.org.clients.native, scope, redirect_uri: 'witech-login:/callback', code_challenge: challenge, code_challenge_method: 'S256', state: 's1', nonce: 'n1',
  });
  expect(interact.status).toBe(200);
  const introspect = await idx('introspect', { interactionHandle: interact.body.interaction_handle }, ION);
  expect(introspect.status).toBe(200);
  expect(introspect.headers.get('content-type')).toBe(ION);
  return { stateHandle: introspect.body.stateHandle, verifier, body: introspect.body };
}

function remediationNames(body: HttpResult['body']): string[] {
  return (body.remediation?.value ?? []).map((r: { name: string }) => r.name);
}

async function signInWithTotp(login: string, secret: string): Promise<{ code: string; verifier: string }> {
  const { stateHandle, verifier } = await begin();
  await idx('identify', { identifier: login, credentials: { passcode: PASSWORD }, stateHandle });
  const select = await idx('challenge', { authenticator: { id: await googleId(stateHandle) }, stateHandle });
  expect(select.status).toBe(200);
  clock.advance(30_000);
  const done = await idx('challenge/answer', { credentials: { passcode: totpAt(secret, clock) }, stateHandle });
  expect(done.status).toBe(200);
  const code = done.body.successWithInteractionCode.value.find((f: { name: string }) => f.name === 'interaction_code').value as string;
  return { code, verifier };
}

async function googleId(stateHandle: string): Promise<string> {
  const current = await idx('introspect', { stateToken: stateHandle }, ION);
  return current.body.authenticators.value.find((a: { key: string }) => a.key === 'google_otp').id as string;
}

describe('IDX replies', () => {
  it('starts with identify (password-first) and answers a bad password with errors.E0000004 on the same form', async () => {
    await t.activeUser('shape@garage.test');
    const { stateHandle, body } = await begin();
    expect(body.version).toBe('1.0.0');
    expect(stateHandle).toMatch(/^02/);
    expect(remediationNames(body)).toEqual(['identify']);
    const identify = body.remediation.value[0];
    expect(identify).toMatchObject({ rel: ['create-form'], method: 'POST', href: `${t.url}/idp/idx/identify`, accepts: 'application/json; okta-version=1.0.0', produces: ION });
    expect(identify.value.map((f: { name: string }) => f.name)).toEqual(['identifier', 'credentials', 'rememberMe', 'stateHandle']);
    expect(body.cancel.href).toBe(`${t.url}/idp/idx/cancel`);
    expect(body.app.value.id).toBe(t.org.clients.native);

    for (const identifier of ['shape@garage.test', 'nobody@garage.test']) {
      const bad = await idx('identify', { identifier, credentials: { passcode: 'Wrong-Password1' }, stateHandle });
      expect(bad.status).toBe(401);
      expect(bad.body.messages.value[0].i18n.key).toBe('errors.E0000004');
      expect(remediationNames(bad.body)).toEqual(['identify']);
    }
    const cancel = await idx('cancel', { stateHandle });
    expect(remediationNames(cancel.body)).toEqual(['identify']);
  });

  it('refuses unknown and expired handles with idx.session.expired, other media types with 415, and is absent on a classic org', async () => {
    const unknown = await idx('introspect', { stateToken: '02nothere' }, ION);
    expect(unknown.status).toBe(401);
    expect(unknown.body.messages.value[0].i18n.key).toBe('idx.session.expired');
    expect(unknown.body.remediation).toBeUndefined();

    const { stateHandle } = await begin();
    clock.advance(5 * 60 * 1000 + 1);
    const expired = await idx('identify', { identifier: 'a@b.c', credentials: { passcode: 'x' }, stateHandle });
    expect(expired.status).toBe(401);
    expect(expired.body.messages.value[0].i18n.key).toBe('idx.session.expired');

    const fresh = await begin();
    const plain = await idx('introspect', `{"stateToken":"${fresh.stateHandle}"}`, 'text/plain');
    expect(plain.status).toBe(415);
    expect((await classic.post('/idp/idx/introspect', { stateToken: 'x' })).status).toBe(404);
  });
});

describe('rules shared with the Classic engine', () => {
  it('counts bad IDX passwords toward the same lockout the Authn API enforces', async () => {
    await t.activeUser('lock.idx@garage.test');
    const { stateHandle } = await begin();
    let last: HttpResult | undefined;
    for (let i = 0; i < 3; i += 1) last = await idx('identify', { identifier: 'lock.idx@garage.test', credentials: { passcode: 'Wrong-Password1' }, stateHandle });
    expect(last?.status).toBe(403);
    expect(last?.body.messages.value[0].i18n.key).toBe('errors.E0000069');
    expect((await signIn(t, 'lock.idx@garage.test')).body.status).toBe('LOCKED_OUT');
  });

  it('refuses a TOTP code already used on the Authn API, and ends the transaction at the passcode limit', async () => {
    const { secret } = await t.activeUser('replay@garage.test', { totp: true });
    clock.advance(30_000);
    const code = totpAt(secret!, clock);
    const classicTx = await signIn(t, 'replay@garage.test');
    const verified = await t.post(classicTx.body._embedded.factors[0]._links.verify.href.replace(t.url, ''), { stateToken: classicTx.body.stateToken, passCode: code });
    expect(verified.body.status).toBe('SUCCESS');

    const { stateHandle } = await begin();
    const identified = await idx('identify', { identifier: 'replay@garage.test', credentials: { passcode: PASSWORD }, stateHandle });
    expect(remediationNames(identified.body)).toEqual(['select-authenticator-authenticate']);
    await idx('challenge', { authenticator: { id: await googleId(stateHandle) }, stateHandle });
    const replayed = await idx('challenge/answer', { credentials: { passcode: code }, stateHandle });
    expect(replayed.status).toBe(400);
    const field = replayed.body.remediation.value[0].value[0].form.value[0];
    expect(field.messages.value[0].i18n.key).toBe('authfactor.challenge.soft_token.used_passcode');
    let last: HttpResult | undefined;
    for (let i = 0; i < 4; i += 1) last = await idx('challenge/answer', { credentials: { passcode: '000000' === code ? '111111' : '000000' }, stateHandle });
    expect(last?.status).toBe(403);
    expect(last?.body.messages.value[0].i18n.key).toBe('authfactor.challenge.suspended_factor');
    expect((await idx('introspect', { stateToken: stateHandle }, ION)).status).toBe(401);
  });
});

describe('interaction code, tokens, refresh, revoke, logout', () => {
  it('redeems an interaction code once, only with its PKCE verifier, and rotates refresh tokens', async () => {
    const { secret } = await t.activeUser('tokens@garage.test', { totp: true });
    const token = (fields: Record<string, string>) => postForm(`${t.url}/oauth2/default/v1/token`, { client_id: t.org.clients.native, ...fields });

    const wrong = await signInWithTotp('tokens@garage.test', secret!);
    const badPkce = await token({ grant_type: 'interaction_code', interaction_code: wrong.code, code_verifier: pkcePair().verifier });
    expect([badPkce.status, badPkce.body.error]).toEqual([400, 'invalid_grant']);
    // The failed attempt burned the code: the right verifier no longer helps.
    const burned = await token({ grant_type: 'interaction_code', interaction_code: wrong.code, code_verifier: wrong.verifier });
    expect(burned.body.error).toBe('invalid_grant');

    const good = await signInWithTotp('tokens@garage.test', secret!);
    const tokens = await token({ grant_type: 'interaction_code', interaction_code: good.code, code_verifier: good.verifier, redirect_uri: 'witech-login:/callback' });
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'openid profile offline_access' });
    expect(tokens.body.state).toBeUndefined();
    const claims = JSON.parse(Buffer.from(tokens.body.id_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ nonce: 'n1', ver: 1, amr: ['pwd', 'otp', 'mfa'], preferred_username: 'tokens@garage.test' });
    expect(typeof claims.at_hash).toBe('string');
    const again = await token({ grant_type: 'interaction_code', interaction_code: good.code, code_verifier: good.verifier });
    expect(again.body.error).toBe('invalid_grant');

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, scope: 'openid offline_access' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.scope).toBe('openid offline_access');
    expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
    expect((await token({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token })).body.error).toBe('invalid_grant');
    const widened = await token({ grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token, scope: 'openid email' });
    expect(widened.body.error).toBe('invalid_scope');

    expect((await postForm(`${t.url}/oauth2/default/v1/revoke`, { client_id: t.org.clients.native, token: refreshed.body.refresh_token })).status).toBe(200);
    expect((await token({ grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token })).body.error).toBe('invalid_grant');

    const logout = await t.get(`/oauth2/default/v1/logout?id_token_hint=${tokens.body.id_token}&post_logout_redirect_uri=${encodeURIComponent('witech-login:/logout')}&state=bye`);
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('witech-login:/logout?state=bye');
    const open = await t.get(`/oauth2/default/v1/logout?id_token_hint=${tokens.body.id_token}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(open.status).toBe(400);
  });
});

describe('malformed input (bounded fuzz, loopback)', () => {
  it('never answers 5xx on the IDX and OAuth routes', async () => {
    const { stateHandle } = await begin();
    const shapes: unknown[] = [
      null, [], 'text', 42, {}, { stateHandle: 1 }, { stateHandle: ['x'] }, { stateHandle, identifier: {} }, { stateHandle, credentials: 'x' },
      { stateHandle, credentials: { passcode: 7 } }, { stateHandle, authenticator: 'google_otp' }, { stateHandle, authenticator: { id: 'x'.repeat(5000) } },
      { interactionHandle: null }, { stateToken: {} }, { stateHandle: 'x'.repeat(600) }, { __proto__: { polluted: true }, stateHandle },
    ];
    const paths = ['introspect', 'identify', 'challenge', 'challenge/answer', 'challenge/poll', 'credential/enroll', 'skip', 'cancel'];
    let requests = 0;
    const statuses = new Set<number>();
    for (const path of paths) {
      for (const shape of shapes) {
        const reply = await idx(path, JSON.stringify(shape));
        statuses.add(reply.status);
        requests += 1;
        expect(reply.status, `${path} ${JSON.stringify(shape)}`).toBeLessThan(500);
      }
      for (let i = 0; i < 8; i += 1) {
        const reply = await idx(path, randomBytes(64 + i * 32).toString('latin1'));
        requests += 1;
        expect(reply.status).toBeLessThan(500);
      }
    }
    const forms = ['', 'grant_type', 'grant_type=interaction_code&interaction_code=%ZZ', `client_id=${'a'.repeat(3000)}`, 'scope=openid&scope=openid', '&&&==', `token=${'x'.repeat(20000)}`];
    for (const endpoint of ['interact', 'token', 'revoke']) {
      for (const form of forms) {
        const reply = await fetch(`${t.url}/oauth2/default/v1/${endpoint}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
        requests += 1;
        statuses.add(reply.status);
        expect(reply.status, `${endpoint} ${form.slice(0, 40)}`).toBeLessThan(500);
        const body = (await reply.json()) as { error?: string };
        expect(typeof body.error).toBe('string');
      }
    }
    const huge = await fetch(`${t.url}/oauth2/default/v1/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a='.padEnd(40_000, 'b') });
    expect(huge.status).toBe(413);
    expect(requests).toBeGreaterThan(150);
  });
});
