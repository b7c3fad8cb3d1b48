/**
 * The Identity Engine client against scripted replies: PKCE S256 from interact to token, the newest
 * state handle on every step, links on another origin refused before anything is sent, local expiry,
 * an unknown remediation ending on E_AUTH_IDX_UNKNOWN_STEP, a refused interaction code, and a change of
 * engine answered by the engine-aware service on the other client.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAuthService } from '../../../../../main/auth/auth-service.ts';
import { createEngineDetector } from '../../../../../main/auth/engine-detection.ts';
import { createEngineAwareAuthService } from '../../../../../main/auth/engine-aware-auth-service.ts';
import { silentLogger } from '../../../../../main/core/redact.ts';
import { ORG, REDIRECT, scriptedIdxService, T0, type Reply, type Sent } from './scripted-org.ts';


const idx = (body: Record<string, unknown>, status = 200): Reply => ({ status, body: { version: '1.0.0', expiresAt: '2026-05-01T10:15:00.000Z', ...body } });
const form = (name: string, path: string, fields: unknown[] = [], href = `${ORG}/idp/idx/${path}`) => ({ rel: ['create-form'], name, href, method: 'POST', value: [...fields, { name: 'stateHandle', value: 'x', mutable: false }] });
const identify = (handle: string) => idx({ stateHandle: handle, remediation: { value: [form('identify', 'identify', [{ name: 'identifier' }, { name: 'credentials', form: { value: [{ name: 'passcode' }] } }])] } });
const selectAuthenticate = (handle: string, href?: string) =>
  idx({
    stateHandle: handle,
    remediation: { value: [form('select-authenticator-authenticate', 'challenge', [{ name: 'authenticator', options: [{ label: 'Google Authenticator', relatesTo: '$.authenticatorEnrollments.value[0]', value: { form: { value: [{ name: 'id', value: 'autG', mutable: false }, { name: 'methodType', value: 'otp', mutable: false }] } } }] }], href)] },
    authenticatorEnrollments: { value: [{ id: 'uftG', key: 'google_otp', authenticatorId: 'autG' }] },
    user: { value: { id: '00u1', identifier: 'ana@garage.test' } },
    cancel: form('cancel', 'cancel'),
  });
const challenge = (handle: string) =>
  idx({ stateHandle: handle, remediation: { value: [form('challenge-authenticator', 'challenge/answer', [{ name: 'credentials', form: { value: [{ name: 'passcode' }] } }])] }, currentAuthenticatorEnrollment: { value: { id: 'uftG', key: 'google_otp', authenticatorId: 'autG' } }, user: { value: { identifier: 'ana@garage.test' } } });
const success = (handle: string) =>
  idx({ stateHandle: handle, user: { value: { identifier: 'ana@garage.test' } }, successWithInteractionCode: { rel: ['create-form'], name: 'issue', href: `${ORG}/oauth2/default/v1/token`, value: [{ name: 'interaction_code', value: 'ic-secret-1' }] } });
const tokens: Reply = { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: 'at-secret', id_token: 'idt-secret', scope: 'openid profile' } };
const interact: Reply = { status: 200, body: { interaction_handle: 'ih-1' } };

function setup(replies: Reply[], client: { interclientAccess?: boolean } = {}) {
  const { requests, ...rest } = scriptedIdxService(replies, client);
  return { ...rest, sent: requests };
}

const json = (s: Sent) => JSON.parse(s.raw) as Record<string, unknown>;
const form_ = (s: Sent) => Object.fromEntries(new URLSearchParams(s.raw));

describe('Identity Engine client', () => {
  it('runs interact → introspect → identify → challenge → answer → token with PKCE S256 and the newest state handle', async () => {
    const { auth, sent } = setup([interact, identify('02.a'), selectAuthenticate('02.b'), challenge('02.c'), success('02.c'), tokens]);
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED', factors: [{ id: 'autG', kind: 'totp-google' }] } });
    expect(await auth.verify('autG', { passCode: '123456' })).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login: 'ana@garage.test' } } });
    expect(sent.map((s) => new URL(s.url).pathname)).toEqual(['/oauth2/default/v1/interact', '/idp/idx/introspect', '/idp/idx/identify', '/idp/idx/challenge', '/idp/idx/challenge/answer', '/oauth2/default/v1/token']);
    const [i, introspect, ident, chal, answer, token] = sent;
    const started = form_(i!);
    expect(started).toMatchObject({ client_id: '0oaGarage', redirect_uri: REDIRECT, code_challenge_method: 'S256', scope: 'openid profile offline_access' });
    expect(json(introspect!)).toEqual({ interactionHandle: 'ih-1' });
    expect(json(ident!)).toEqual({ identifier: 'ana@garage.test', credentials: { passcode: 'pw' }, stateHandle: '02.a' });
    expect(json(chal!)).toEqual({ authenticator: { id: 'autG', methodType: 'otp' }, stateHandle: '02.b' });
    expect(json(answer!)).toEqual({ credentials: { passcode: '123456' }, stateHandle: '02.c' });
    const exchanged = form_(token!);
    expect(exchanged).toMatchObject({ grant_type: 'interaction_code', interaction_code: 'ic-secret-1', client_id: '0oaGarage', redirect_uri: REDIRECT });
    expect(createHash('sha256').update(exchanged.code_verifier ?? '').digest('base64url')).toBe(started.code_challenge);
    expect(token!.contentType).toBe('application/x-www-form-urlencoded');
    expect(auth.hasSession()).toBe(true);
    expect(JSON.stringify(auth.view())).not.toMatch(/02\.|ic-secret|at-secret|idt-secret|ih-1/);
  });

  it('gives the hand-off its tokens once, with the issuer and client they belong to, and asks for interclient_access when a hand-off is configured', async () => {
    const { auth, sent } = setup([interact, identify('02.a'), selectAuthenticate('02.b'), challenge('02.c'), success('02.c'), tokens], { interclientAccess: true });
    expect(auth.takeHandOffGrant()).toBeUndefined();
    await auth.signIn('ana@garage.test', 'pw');
    await auth.verify('autG', { passCode: '123456' });
    expect(form_(sent[0]!).scope).toBe('openid profile offline_access interclient_access');
    expect(auth.takeHandOffGrant()).toEqual({
      kind: 'oidc-tokens', issuer: `${ORG}/oauth2/default`, clientId: '0oaGarage', accessToken: 'at-secret', idToken: 'idt-secret', login: 'ana@garage.test', expiresAtMs: T0 + 3600_000,
    });
    expect(auth.takeHandOffGrant()).toBeUndefined();

    const late = setup([interact, identify('02.a'), selectAuthenticate('02.b'), challenge('02.c'), success('02.c'), tokens]);
    await late.auth.signIn('ana@garage.test', 'pw');
    await late.auth.verify('autG', { passCode: '123456' });
    expect(form_(late.sent[0]!).scope).toBe('openid profile offline_access');
    late.clock.advance(3600_000);
    expect(late.auth.takeHandOffGrant()).toBeUndefined();
  });

  it('tells support which authenticators the org named in the last sign-in, and forgets them at the next', async () => {
    const { auth } = setup([interact, identify('02.a'), selectAuthenticate('02.b'), challenge('02.c'), success('02.c'), tokens, interact, identify('02.d')]);
    expect(auth.offeredAuthenticators()).toEqual([]);
    await auth.signIn('ana@garage.test', 'pw');
    await auth.verify('autG', { passCode: '123456' });
    expect(auth.offeredAuthenticators()).toEqual(['google_otp']);
    await auth.signIn('ana@garage.test', 'pw');
    expect(auth.offeredAuthenticators()).toEqual([]);
  });

  it('refuses a remediation on another origin without sending the state handle', async () => {
    const { auth, sent } = setup([interact, identify('02.a'), selectAuthenticate('02.b', 'https://evil.example/idp/idx/challenge')]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('autG', { passCode: '123456' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_NOT_ALLOWED' } });
    expect(sent.some((s) => s.url.startsWith('https://evil.example'))).toBe(false);
  });

  it('ends on E_AUTH_IDX_UNKNOWN_STEP when the org asks for a step it does not know, and can start again', async () => {
    const { auth } = setup([interact, idx({ stateHandle: '02.a', remediation: { value: [form('redirect-idp', 'redirect')] } }), interact, identify('02.z'), selectAuthenticate('02.y')]);
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: false, error: { code: 'E_AUTH_IDX_UNKNOWN_STEP' } });
    expect(auth.view().status).toBe('NONE');
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED' } });
  });

  it('maps a wrong code to E_AUTH_INVALID_PASSCODE and keeps the challenge for another try', async () => {
    const wrong = challenge('02.c') as { status: number; body: Record<string, unknown> };
    const failed = { status: 400, body: { ...wrong.body, messages: { value: [{ message: 'Invalid code', i18n: { key: 'authfactor.challenge.soft_token.invalid_passcode' }, class: 'ERROR' }] } } };
    const { auth } = setup([interact, identify('02.a'), selectAuthenticate('02.b'), challenge('02.c'), failed, success('02.c'), tokens]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('autG', { passCode: '000000' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_INVALID_PASSCODE', oktaCode: 'authfactor.challenge.soft_token.invalid_passcode' } });
    expect(auth.view().status).toBe('MFA_CHALLENGE');
    expect(await auth.verify('autG', { passCode: '123456' })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
  });

  it('forgets an expired transaction without calling the org', async () => {
    const { auth, sent, clock } = setup([interact, identify('02.a'), selectAuthenticate('02.b')]);
    await auth.signIn('ana@garage.test', 'pw');
    clock.set(Date.parse('2026-05-01T10:15:00.000Z'));
    expect(await auth.verify('autG', { passCode: '123456' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_TRANSACTION_EXPIRED' } });
    expect(sent).toHaveLength(3);
    expect(auth.view().status).toBe('NONE');
  });

  it('ends an expired state handle on the org side with E_AUTH_TRANSACTION_EXPIRED', async () => {
    const expired = { status: 401, body: { version: '1.0.0', messages: { value: [{ message: 'You have been logged out due to inactivity.', i18n: { key: 'idx.session.expired' }, class: 'ERROR' }] } } };
    const { auth } = setup([interact, identify('02.a'), selectAuthenticate('02.b'), expired]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('autG', { passCode: '123456' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_TRANSACTION_EXPIRED' } });
    expect(auth.view().status).toBe('NONE');
  });

  it('ends on E_AUTH_TOKEN_REFUSED when the token endpoint refuses the interaction code', async () => {
    const refused = { status: 400, body: { error: 'invalid_grant', error_description: 'The interaction code is invalid or expired.' } };
    const { auth } = setup([interact, identify('02.a'), selectAuthenticate('02.b'), challenge('02.c'), success('02.c'), refused]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('autG', { passCode: '123456' })).toMatchObject({ ok: false, error: { code: 'E_AUTH_TOKEN_REFUSED' } });
    expect(auth.hasSession()).toBe(false);
    expect(auth.view().status).toBe('NONE');
  });

  it.each([
    ['the org dropped the IDX pipeline mid-transaction', { status: 404, body: { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: /idp/idx/challenge (POST)' } }, 'E_AUTH_ENGINE_CHANGED', 'NONE'],
    ['a classic-shaped rate limit', { status: 429, body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' } }, 'E_NET_RATE_LIMITED', 'MFA_REQUIRED'],
    ['an IDX rate limit', { status: 429, body: { version: '1.0.0', messages: { value: [{ message: 'Too many requests', i18n: { key: 'tooManyRequests' }, class: 'ERROR' }] } } }, 'E_NET_RATE_LIMITED', 'NONE'],
    ['a body that is not JSON', { status: 502, body: '<html>Bad gateway</html>' }, 'E_NET_SERVER_ERROR', 'MFA_REQUIRED'],
  ])('ends or keeps the transaction on %s', async (_name, reply, code, status) => {
    const { auth } = setup([interact, identify('02.a'), selectAuthenticate('02.b'), reply]);
    await auth.signIn('ana@garage.test', 'pw');
    expect(await auth.verify('autG', { passCode: '123456' })).toMatchObject({ ok: false, error: { code } });
    expect(auth.view().status).toBe(status);
  });

  it.each([
    ['unauthorized_client', 'The client is not authorized to use the provided grant type.', 'E_AUTH_IDX_NOT_CONFIGURED'],
    ['invalid_request', "'redirect_uri' must be a Login redirect URI in the client app settings.", 'E_AUTH_IDX_NOT_CONFIGURED'],
    ['access_denied', 'The requested feature is not enabled in this environment.', 'E_AUTH_ENGINE_CHANGED'],
  ])('maps /interact %s to %s', async (error, description, code) => {
    const { auth } = setup([{ status: error === 'access_denied' ? 403 : 400, body: { error, error_description: description } }]);
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: false, error: { code } });
  });
});

describe('engine-aware auth service', () => {
  it('signs in through Classic when the org says its engine changed, without the technician doing anything', async () => {
    const replies: Reply[] = [];
    const { auth: identity, deps } = setup(replies);
    replies.push(
      { status: 200, body: { pipeline: 'idx' } },
      { status: 403, body: { error: 'access_denied', error_description: 'The requested feature is not enabled in this environment.' } },
      { status: 200, body: { pipeline: 'v1' } },
      { status: 200, body: { status: 'SUCCESS', sessionToken: 'st', expiresAt: '2026-05-01T10:05:00.000Z', _embedded: { user: { id: '00u1', profile: { login: 'ana@garage.test' } } } } },
    );
    const auth = createEngineAwareAuthService({ detector: createEngineDetector(deps), classic: createAuthService(deps), identity, log: silentLogger });
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(auth.activeEngine()).toBe('classic');
    expect(auth.engine()).toMatchObject({ engine: 'classic', source: 'org' });
  });

  it('keeps a pinned engine even when the org says it changed', async () => {
    const replies: Reply[] = [{ status: 403, body: { error: 'access_denied', error_description: 'The requested feature is not enabled in this environment.' } }];
    const { auth: identity, deps, sent } = setup(replies);
    const auth = createEngineAwareAuthService({ detector: createEngineDetector({ ...deps, pin: 'identity' }), classic: createAuthService(deps), identity, log: silentLogger });
    expect(await auth.signIn('ana@garage.test', 'pw')).toMatchObject({ ok: false, error: { code: 'E_AUTH_ENGINE_CHANGED' } });
    expect(sent.map((s) => new URL(s.url).pathname)).toEqual(['/oauth2/default/v1/interact']);
  });
});
