/**
 * The org counts the IDX calls it serves per OAuth client (interaction handle or state handle →
 * transaction → client id) and the Authn calls apart, through the module API only (`org.calls()`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { PASSWORD, signIn, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';
import { pkcePair, postForm } from '../../support/local-org/oauth-client.ts';

const clock = manualClock(Date.now());
const ION = 'application/ion+json; okta-version=1.0.0';
let t: TestOrg;

beforeAll(async () => {
  t = await startTestOrg({ clock, engine: 'identity' });
});
afterAll(() => t.close());

async function interact(clientId: string): Promise<string> {
  const { challenge } = pkcePair();
  const reply = await postForm(`${t.url}/oauth2/default/v1/interact`, {
    client_id: clientId, scope: 'openid', redirect_uri: 'http://127.0.0.1/callback', code_challenge: challenge, code_challenge_method: 'S256', state: 'count',
  });
  expect(reply.status).toBe(200);
  return reply.body.interaction_handle as string;
}

const idx = (path: string, body: unknown) => t.post(`/idp/idx/${path}`, body, { 'Content-Type': 'application/json', Accept: ION });

describe('the org’s call counter', () => {
  it('ties IDX calls to the client of their interaction, and counts Authn calls and unknown handles apart', async () => {
    expect(t.org.calls()).toEqual({ idx: {}, idxWithoutClient: 0, authn: 0 });
    await t.activeUser('count@garage.test');
    const other = await t.admin('POST', '/api/v1/apps', {
      label: 'Another native app', signOnMode: 'OPENID_CONNECT',
      settings: { oauthClient: { redirect_uris: ['http://127.0.0.1/callback'], grant_types: ['interaction_code'], response_types: ['code'], application_type: 'native' } },
    });
    expect(other.status).toBe(200);
    const otherId = other.body.credentials.oauthClient.client_id as string;

    // The app's client: introspect (interaction handle), then identify (state handle).
    const started = await idx('introspect', { interactionHandle: await interact(t.org.clients.native) });
    await idx('identify', { identifier: 'count@garage.test', credentials: { passcode: PASSWORD }, stateHandle: started.body.stateHandle });
    // Another client: introspect once.
    await idx('introspect', { interactionHandle: await interact(otherId) });
    // A handle that names nothing, and an Authn call.
    await idx('introspect', { stateHandle: '02notAStateHandleAtAll' });
    await signIn(t, 'count@garage.test');

    expect(t.org.calls()).toEqual({ idx: { [t.org.clients.native]: 2, [otherId]: 1 }, idxWithoutClient: 1, authn: 1 });
  });

  it('is not reachable over HTTP', async () => {
    for (const path of ['/api/v1/org/calls', '/calls', '/.well-known/calls']) expect((await t.get(path)).status).toBe(404);
  });
});
