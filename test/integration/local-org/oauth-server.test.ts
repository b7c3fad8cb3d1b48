/**
 * The authorization server and the Apps API: discovery and keys as Okta serves them, app
 * registrations in the Apps API's shape (and the built-in ones), and every refusal of `/v1/interact`,
 * `/v1/token`, `/v1/revoke` and `/v1/logout` with OAuth's error body. The successful grants are
 * exercised end to end in idx-okta-auth-js.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';
import { pkcePair, postForm } from '../../support/local-org/oauth-client.ts';
import { runCli } from '../../support/local-org/cli-process.ts';

let t: TestOrg;
let classic: TestOrg;
let base: string;

beforeAll(async () => {
  t = await startTestOrg({ engine: 'identity' });
  classic = await startTestOrg();
  base = `${t.url}/oauth2/default`;
});
afterAll(async () => {
  await t.close();
  await classic.close();
});

function interactFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: t.org.clients.native,
    scope: 'openid profile offline_access',
    redirect_uri: 'witech-login:/callback',
    code_challenge: pkcePair().challenge,
    code_challenge_method: 'S256',
    state: 'state-123',
    ...overrides,
  };
}

describe('discovery and keys', () => {
  it('publishes the issuer as the org URL with localhost, and RS256 keys', async () => {
    const config = await t.get('/oauth2/default/.well-known/openid-configuration');
    expect(config.status).toBe(200);
    expect(config.body.issuer).toBe(`${t.url}/oauth2/default`);
    expect(config.body.issuer).toMatch(/^http:\/\/localhost:\d+\/oauth2\/default$/);
    expect(config.body.jwks_uri).toBe(`${base}/v1/keys`);
    expect(config.body.code_challenge_methods_supported).toEqual(['S256']);
    const keys = await t.get('/oauth2/default/v1/keys');
    expect(keys.body.keys).toHaveLength(1);
    expect(keys.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(typeof keys.body.keys[0].kid).toBe('string');
  });
});

describe('Apps API', () => {
  it('registers the native client and the diagnostics web app at first start', async () => {
    const apps = await t.admin('GET', '/api/v1/apps');
    expect(apps.status).toBe(200);
    const native = apps.body.find((a: { id: string }) => a.id === t.org.clients.native);
    const web = apps.body.find((a: { id: string }) => a.id === t.org.clients.diagnostics);
    expect(native.settings.oauthClient).toMatchObject({ application_type: 'native', redirect_uris: ['witech-login:/callback', 'http://127.0.0.1/callback'] });
    expect(native.settings.oauthClient.grant_types).toContain('interaction_code');
    expect(native.credentials.oauthClient).toMatchObject({ client_id: t.org.clients.native, token_endpoint_auth_method: 'none' });
    expect(web.settings.oauthClient.redirect_uris).toEqual([`${t.url}/diagnostics/callback`]);
    expect(web.credentials.oauthClient.client_secret).toBeUndefined();
    const allowed = await t.admin('GET', `/api/v1/apps/${t.org.clients.diagnostics}/interclient-allowed-apps`);
    expect(allowed.body).toEqual([{ id: t.org.clients.native }]);
  });

  it('creates an OIDC app in Okta\'s shape and refuses bad redirect URIs with E0000001', async () => {
    const created = await t.admin('POST', '/api/v1/apps', {
      name: 'oidc_client',
      label: 'Shop web',
      signOnMode: 'OPENID_CONNECT',
      settings: { oauthClient: { redirect_uris: ['https://shop.example/cb'], grant_types: ['authorization_code'], response_types: ['code'], application_type: 'web' } },
    });
    expect(created.status).toBe(200);
    expect(created.body.id).toMatch(/^0oa[A-Za-z0-9]{17}$/);
    expect(created.body.credentials.oauthClient.client_id).toBe(created.body.id);
    expect(created.body.credentials.oauthClient.client_secret).toMatch(/^[A-Za-z0-9]{40}$/);
    expect((await t.admin('GET', `/api/v1/apps/${created.body.id}`)).body.credentials.oauthClient.client_secret).toBeUndefined();

    for (const uri of ['http://shop.example/cb', 'https://shop.example/cb#frag', 'https://*.shop.example/cb', 'not a uri']) {
      const refused = await t.admin('POST', '/api/v1/apps', {
        label: 'Bad',
        signOnMode: 'OPENID_CONNECT',
        settings: { oauthClient: { redirect_uris: [uri], grant_types: ['authorization_code'], application_type: 'web' } },
      });
      expect(refused.status, uri).toBe(400);
      expect(refused.body.errorCode).toBe('E0000001');
    }
    expect((await t.post('/api/v1/apps', { label: 'x' })).status).toBe(401);
    expect((await t.admin('GET', '/api/v1/apps/0oanothere')).body.errorCode).toBe('E0000007');
  });

  it('the CLI registers an app and lists it', async () => {
    const created = await runCli(['app:create', '--data', t.dataDir, '--label', 'Bench', '--type', 'native', '--redirect-uri', 'com.garage.bench:/cb']);
    expect(created.code).toBe(0);
    const id = created.stdout.match(/^CLIENT_ID=(0oa\w{17})$/m)?.[1];
    expect(id).toBeDefined();
    const listed = await runCli(['app:list', '--data', t.dataDir]);
    expect(listed.stdout).toContain(`${id}\tnative\tBench\tcom.garage.bench:/cb`);
  });
});

describe('/v1/interact', () => {
  it('returns an interaction handle for the native client with PKCE S256', async () => {
    const ok = await postForm(`${base}/v1/interact`, interactFields());
    expect(ok.status).toBe(200);
    expect(typeof ok.body.interaction_handle).toBe('string');
  });

  it('refuses what Okta refuses, with an OAuth error body', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ client_id: '0oaunknown0000000000' }, 401, 'invalid_client'],
      [{ code_challenge_method: 'plain' }, 400, 'invalid_request'],
      [{ code_challenge: 'short' }, 400, 'invalid_request'],
      [{ redirect_uri: 'witech-login:/callback/' }, 400, 'invalid_request'],
      [{ redirect_uri: 'https://evil.example/cb' }, 400, 'invalid_request'],
      [{ scope: 'openid admin' }, 400, 'invalid_scope'],
      [{ client_id: t.org.clients.diagnostics, redirect_uri: `${t.url}/diagnostics/callback` }, 400, 'unauthorized_client'],
      [{ state: '' }, 400, 'invalid_request'],
      [{ activation_token: 'nope' }, 400, 'invalid_request'],
    ];
    for (const [overrides, status, error] of cases) {
      const reply = await postForm(`${base}/v1/interact`, interactFields(overrides));
      expect([reply.status, reply.body.error], JSON.stringify(overrides)).toEqual([status, error]);
      expect(typeof reply.body.error_description).toBe('string');
    }
    const json = await t.post('/oauth2/default/v1/interact', interactFields());
    expect(json.status).toBe(415);
    expect(json.body.error).toBe('invalid_request');
  });

  it('is not enabled on a classic org', async () => {
    const reply = await postForm(`${classic.url}/oauth2/default/v1/interact`, { ...interactFields(), client_id: classic.org.clients.native });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ error: 'access_denied', error_description: 'The requested feature is not enabled in this environment.' });
  });
});

describe('/v1/token, /v1/revoke, /v1/logout refusals', () => {
  it('refuses unknown grants, unknown codes and refresh tokens, and bad client secrets', async () => {
    const client_id = t.org.clients.native;
    const cases: [Record<string, string>, number, string][] = [
      [{ client_id, grant_type: 'password', username: 'a', password: 'b' }, 400, 'unsupported_grant_type'],
      [{ client_id, grant_type: 'interaction_code', interaction_code: 'nope', code_verifier: pkcePair().verifier }, 400, 'invalid_grant'],
      [{ client_id, grant_type: 'interaction_code', interaction_code: 'nope' }, 400, 'invalid_request'],
      [{ client_id, grant_type: 'refresh_token', refresh_token: 'nope' }, 400, 'invalid_grant'],
      [{ client_id: t.org.clients.diagnostics, grant_type: 'authorization_code', code: 'x', client_secret: 'wrong' }, 401, 'invalid_client'],
      [{ grant_type: 'refresh_token', refresh_token: 'nope' }, 401, 'invalid_client'],
    ];
    for (const [fields, status, error] of cases) {
      const reply = await postForm(`${base}/v1/token`, fields);
      expect([reply.status, reply.body.error], JSON.stringify(fields)).toEqual([status, error]);
    }
    const repeated = await fetch(`${base}/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `client_id=${client_id}&grant_type=refresh_token&grant_type=interaction_code`,
    });
    expect(repeated.status).toBe(400);
    expect(((await repeated.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('answers a revocation of an unknown token with 200, and refuses a logout without a valid ID token', async () => {
    expect((await postForm(`${base}/v1/revoke`, { client_id: t.org.clients.native, token: 'whatever' })).status).toBe(200);
    const logout = await t.get('/oauth2/default/v1/logout?id_token_hint=abc.def.ghi&post_logout_redirect_uri=https%3A%2F%2Fevil.example');
    expect(logout.status).toBe(400);
    expect(logout.body.error).toBe('invalid_request');
  });
});
