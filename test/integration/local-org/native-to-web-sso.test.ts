/**
 * Native-to-Web SSO on the identity org, spoken over HTTP as Okta's guide shows (okta-auth-js has no
 * token exchange): IDX sign-in with `interclient_access`, the token exchange for an interclient token
 * bound to the diagnostics web app, and the authorize request that consumes it and lands on the
 * diagnostics page signed in. Single use, allow-listed apps and registered redirect URIs only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { PASSWORD, startTestOrg, totpAt, type TestOrg, type HttpResult } from '../../support/local-org/test-org.ts';
import { pkcePair, postForm } from '../../support/local-org/oauth-client.ts';

const clock = manualClock(Date.now());
let t: TestOrg;
const ION = 'application/ion+json; okta-version=1.0.0';
const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

beforeAll(async () => {
  t = await startTestOrg({ clock, engine: 'identity' });
});
afterAll(() => t.close());

const idx = (path: string, body: unknown): Promise<HttpResult> => t.post(`/idp/idx/${path}`, body, { 'Content-Type': 'application/json', Accept: ION });

async function nativeTokens(login: string, secret: string, scope: string): Promise<{ access_token: string; id_token: string }> {
  const { verifier, challenge } = pkcePair();
  const interact = await postForm(`${t.url}/oauth2/default/v1/interact`, {
    client_id: t.org.clients.native, scope, redirect_uri: 'witech-login:/callback', code_challenge: challenge, code_challenge_method: 'S256', state: 'n2w',
  });
  const start = await t.post('/idp/idx/introspect', { interactionHandle: interact.body.interaction_handle }, { 'Content-Type': ION });
  const stateHandle = start.body.stateHandle as string;
  const identified = await idx('identify', { identifier: login, credentials: { passcode: PASSWORD }, stateHandle });
  const option = identified.body.remediation.value[0].value[0].options[0];
  await idx('challenge', { authenticator: { id: option.value.form.value[0].value }, stateHandle });
  clock.advance(30_000);
  const done = await idx('challenge/answer', { credentials: { passcode: totpAt(secret, clock) }, stateHandle });
  const code = done.body.successWithInteractionCode.value.find((f: { name: string }) => f.name === 'interaction_code').value;
  const tokens = await postForm(`${t.url}/oauth2/default/v1/token`, { client_id: t.org.clients.native, grant_type: 'interaction_code', interaction_code: code, code_verifier: verifier });
  expect(tokens.status).toBe(200);
  return tokens.body;
}

function exchange(tokens: { access_token: string; id_token: string }, audience: string) {
  return postForm(`${t.url}/oauth2/default/v1/token`, {
    grant_type: EXCHANGE,
    client_id: t.org.clients.native,
    actor_token: tokens.access_token,
    actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    subject_token: tokens.id_token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    requested_token_type: 'urn:okta:params:oauth:token-type:interclient_token',
    audience,
  });
}

function authorizeUrl(interclientToken: string, redirect = `${t.url}/diagnostics/callback`): string {
  const query = new URLSearchParams({ client_id: t.org.clients.diagnostics, response_type: 'code', scope: 'openid', redirect_uri: redirect, state: 'web-state', interclient_token: interclientToken });
  return `/oauth2/default/v1/authorize?${query.toString()}`;
}

describe('Native-to-Web SSO', () => {
  it('exchanges the native tokens for an interclient token and opens the diagnostics page signed in', async () => {
    const { secret } = await t.activeUser('n2w@garage.test', { totp: true });
    const tokens = await nativeTokens('n2w@garage.test', secret!, 'openid profile interclient_access');
    const exchanged = await exchange(tokens, `urn:okta:apps:${t.org.clients.diagnostics}`);
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ token_type: 'N_A', expires_in: 300, issued_token_type: 'urn:okta:params:oauth:token-type:interclient_token' });

    const authorized = await t.get(authorizeUrl(exchanged.body.access_token));
    expect(authorized.status).toBe(302);
    const location = new URL(authorized.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${t.url}/diagnostics/callback`);
    expect(location.searchParams.get('state')).toBe('web-state');
    const cookie = (authorized.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^idx=/);

    const landed = await t.get(`${location.pathname}${location.search}`, { Cookie: cookie });
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe(`${t.url}/diagnostics`);
    const diagnostics = await fetch(`${t.url}/diagnostics`, { headers: { Cookie: cookie } });
    const html = await diagnostics.text();
    expect(html).toContain('data-signed-in="true"');
    expect(html).toContain('data-login="n2w@garage.test"');

    // The interclient token and the code are single-use.
    const again = await t.get(authorizeUrl(exchanged.body.access_token));
    expect(new URL(again.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
    const replay = await t.get(`${location.pathname}${location.search}`);
    expect(replay.status).toBe(400);
  });

  it('is refused without interclient_access, for apps that do not allow the native app, and to unregistered redirect URIs', async () => {
    const { secret } = await t.activeUser('n2w.refused@garage.test', { totp: true });
    const plain = await nativeTokens('n2w.refused@garage.test', secret!, 'openid profile');
    expect((await exchange(plain, `urn:okta:apps:${t.org.clients.diagnostics}`)).body.error).toBe('invalid_scope');

    const other = await t.admin('POST', '/api/v1/apps', {
      label: 'Not trusting', signOnMode: 'OPENID_CONNECT',
      settings: { oauthClient: { redirect_uris: ['https://other.example/cb'], grant_types: ['authorization_code'], application_type: 'web' } },
    });
    const tokens = await nativeTokens('n2w.refused@garage.test', secret!, 'openid interclient_access');
    expect((await exchange(tokens, `urn:okta:apps:${other.body.id}`)).body.error).toBe('invalid_target');
    expect((await exchange(tokens, 'urn:okta:apps:0oanothere')).body.error).toBe('invalid_target');

    const good = await exchange(tokens, `urn:okta:apps:${t.org.clients.diagnostics}`);
    const open = await t.get(authorizeUrl(good.body.access_token, 'https://evil.example/cb'));
    expect(open.status).toBe(400);
    expect(open.headers.get('location')).toBeNull();
    expect(open.body.error).toBe('invalid_request');
    // The refused request did not spend the token.
    expect((await t.get(authorizeUrl(good.body.access_token))).status).toBe(302);
  });
});
