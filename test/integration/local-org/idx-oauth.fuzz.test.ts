/**
 * Generated input against every Identity Engine route (property tests, bounded, loopback): the IDX and
 * OAuth routes are read from the org's own route table, so a route added later is fuzzed without
 * touching this file. Bodies are random JSON, live state handles with random fields (so the fuzz gets
 * past the state check into each step), random bytes and random media types; forms and queries mix the
 * real client ids and redirect URIs with garbage. Whatever arrives: no 5xx, an IDX body with messages on
 * IDX routes, an OAuth `error` on OAuth routes, no redirect off the registered URIs, and afterwards a
 * technician still signs in.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../../main/local-org/routes.ts';
import type { Route } from '../../../main/local-org/http/router.ts';
import { PASSWORD, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';
import { pkcePair, postForm } from '../../support/local-org/oauth-client.ts';

const ION = 'application/ion+json; okta-version=1.0.0';
let t: TestOrg;
const statuses = new Map<number, number>();

/** The route table as the server builds it; building a route touches no state, so a bare context serves. */
function identityRoutes(): Route[] {
  const bare = new Proxy({ url: 'http://localhost:1' } as Record<string, unknown>, { get: (target, key) => (typeof key === 'string' && key in target ? target[key] : undefined) });
  return allRoutes(bare as never, 'unused', '/nonexistent').filter((r) => r.path.startsWith('/idp/idx/') || r.path.startsWith('/oauth2/'));
}

const routes = identityRoutes();
const idxPaths = routes.filter((r) => r.path.startsWith('/idp/idx/')).map((r) => r.path);
const oauthPosts = routes.filter((r) => r.path.startsWith('/oauth2/') && r.method === 'POST').map((r) => r.path);
const oauthGets = routes.filter((r) => r.path.startsWith('/oauth2/') && r.method === 'GET').map((r) => r.path);

function count(status: number): void {
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
}

beforeAll(async () => {
  t = await startTestOrg({ engine: 'identity', policy: { ipPerMinute: 1_000_000 } });
  await t.activeUser('fuzz.target@garage.example', { totp: true });
  await t.activeUser('after.fuzz@garage.example', { totp: true });
});
afterAll(async () => {
  await t?.close();
  console.info(`idx/oauth fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
});

/** A live state handle at the identify step, or past it (the TOTP challenge), for bodies that reach the step's logic. */
async function liveHandle(identified: boolean): Promise<string> {
  const { challenge } = pkcePair();
  const interact = await postForm(`${t.url}/oauth2/default/v1/interact`, {
    client_id: t.org.clients.native, scope: 'openid profile', redirect_uri: 'witech-login:/callback', code_challenge: challenge, code_challenge_method: 'S256', state: 's',
  });
  const introspect = await t.post('/idp/idx/introspect', { interactionHandle: interact.body.interaction_handle }, { 'Content-Type': ION, Accept: ION });
  const stateHandle = String(introspect.body.stateHandle);
  if (identified) await t.post('/idp/idx/identify', { identifier: 'fuzz.target@garage.example', credentials: { passcode: PASSWORD }, stateHandle }, { Accept: ION });
  return stateHandle;
}

const FIELDS = ['identifier', 'credentials', 'authenticator', 'passcode', 'answer', 'questionKey', 'methodType', 'id', 'enrollmentId', 'clientData', 'attestation',
  'authenticatorData', 'signatureData', 'totp', 'email', 'interactionHandle', 'stateToken', 'stateHandle', '__proto__', 'constructor', 'rememberMe', 'userProfile'] as const;
const MEDIA = ['application/json', ION, 'application/json; charset=utf-8', 'application/ion+json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; okta-version=9'];

const fieldValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 300 }), fc.constantFrom('google_otp', 'okta_password', 'webauthn', 'okta_verify', 'push', 'totp', 'sms'));

describe('generated input on the Identity Engine routes', () => {
  it('finds the routes in the org table', () => {
    expect(idxPaths).toEqual(expect.arrayContaining(['/idp/idx/introspect', '/idp/idx/identify', '/idp/idx/challenge/answer', '/idp/idx/credential/enroll']));
    expect(oauthPosts).toEqual(expect.arrayContaining(['/oauth2/default/v1/interact', '/oauth2/default/v1/token']));
  });

  it('IDX: every reply is an IDX body below 500, whatever the body', async () => {
    const handles = [await liveHandle(false), await liveHandle(true), await liveHandle(true)];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...idxPaths),
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
          fc.record({ handle: fc.nat({ max: handles.length }), fields: fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 4 }) })
            .map(({ handle, fields }) => JSON.stringify({ ...fields, ...(handle < handles.length ? { stateHandle: handles[handle] } : {}) })),
          fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
        ),
        fc.constantFrom(...MEDIA),
        async (path, body, media) => {
          const reply = await fetch(t.url + path, { method: 'POST', headers: { 'Content-Type': media, Accept: ION }, body });
          count(reply.status);
          expect(reply.status, `${path} ${media} ${body.slice(0, 120)}`).toBeLessThan(500);
          const text = await reply.text();
          if (reply.status >= 400) {
            const parsed = JSON.parse(text) as { messages?: { value?: Array<{ i18n?: { key?: unknown } }> } };
            expect(typeof parsed.messages?.value?.[0]?.i18n?.key, `${path} ${reply.status} ${text.slice(0, 200)}`).toBe('string');
          }
        },
      ),
      // A handle of the wrong type beside a good one once reached a 500 (the matched branch must name the handle).
      { numRuns: 1200, examples: [['/idp/idx/introspect', JSON.stringify({ stateToken: {}, stateHandle: handles[1] }), 'application/json']] },
    );
  });

  it('OAuth: forms and queries get an OAuth error or a redirect to a registered URI, never a 5xx', async () => {
    const registered = ['witech-login:/callback', `${t.url}/diagnostics/callback`];
    const clientIds = [t.org.clients.native, t.org.clients.diagnostics, 'unknown'];
    const param = fc.oneof(
      fc.constantFrom(...clientIds, ...registered, 'https://evil.example/cb', '//evil.example', 'S256', 'plain', 'code', 'token', 'openid', 'openid profile offline_access interclient_access',
        'interaction_code', 'authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:token-exchange', 'urn:okta:params:oauth:token-type:interclient_token'),
      fc.string({ maxLength: 200 }),
    );
    const names = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'grant_type', 'code', 'code_verifier',
      'interaction_code', 'refresh_token', 'token', 'token_type_hint', 'id_token_hint', 'post_logout_redirect_uri', 'interclient_token', 'audience', 'actor_token', 'subject_token',
      'actor_token_type', 'subject_token_type', 'requested_token_type', 'activation_token', 'sessionToken'];
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), fc.dictionary(fc.constantFrom(...names), param, { maxKeys: 9 }), async (post, pick, fields) => {
        const query = new URLSearchParams(fields).toString();
        const path = post ? oauthPosts[pick % oauthPosts.length]! : oauthGets[pick % oauthGets.length]!;
        const reply = post
          ? await fetch(t.url + path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: query, redirect: 'manual' })
          : await fetch(`${t.url}${path}?${query}`, { redirect: 'manual' });
        count(reply.status);
        expect(reply.status, `${path} ${query.slice(0, 160)}`).toBeLessThan(500);
        const location = reply.headers.get('location');
        if (location !== null) {
          const target = new URL(location, t.url);
          const home = target.origin === new URL(t.url).origin;
          const toRegistered = registered.some((uri) => location.startsWith(`${uri}?`) || location === uri) || location.startsWith('witech-login:/logout');
          expect(home || toRegistered, `${path} redirected to ${location}`).toBe(true);
        }
        if (reply.status >= 400 && (reply.headers.get('content-type') ?? '').includes('json')) {
          const body = (await reply.json()) as { error?: unknown };
          expect(typeof body.error, `${path} ${reply.status}`).toBe('string');
        } else {
          await reply.arrayBuffer();
        }
      }),
      { numRuns: 800 },
    );
  });

  it('leaves the org serving: a technician signs in through IDX afterwards', async () => {
    const { challenge } = pkcePair();
    const interact = await postForm(`${t.url}/oauth2/default/v1/interact`, {
      client_id: t.org.clients.native, scope: 'openid', redirect_uri: 'witech-login:/callback', code_challenge: challenge, code_challenge_method: 'S256', state: 's',
    });
    expect(interact.status).toBe(200);
    const introspect = await t.post('/idp/idx/introspect', { interactionHandle: interact.body.interaction_handle }, { 'Content-Type': ION, Accept: ION });
    const identified = await t.post('/idp/idx/identify', { identifier: 'after.fuzz@garage.example', credentials: { passcode: PASSWORD }, stateHandle: introspect.body.stateHandle }, { Accept: ION });
    expect(identified.status).toBe(200);
    expect((identified.body.remediation?.value ?? []).map((r: { name: string }) => r.name)).toContain('select-authenticator-authenticate');
  });
});
