/**
 * The app against the local org on both engines: engine detection through the app's fetch port, and
 * the composition's auth service (the handlers the renderer calls) signing a technician in on an
 * Identity Engine org — password, Google Authenticator enrollment (QR + key), then password + TOTP —
 * through `/idp/idx` only, never `/api/v1/authn`. The app's client is a native OIDC app with a loopback
 * redirect URI (RFC 8252), registered through the org's Apps API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../main/auth/authn-http.ts';
import { createEngineDetector } from '../../../main/auth/engine-detection.ts';
import { compose, LOOPBACK_REDIRECT_URI, type Composition } from '../../../main/compose.ts';
import { manualClock, systemClock } from '../../../main/core/clock.ts';
import { cryptoRandom } from '../../../main/core/random.ts';
import { silentLogger } from '../../../main/core/redact.ts';
import { createMemorySecretStore } from '../../../main/keychain/memory-secret-store.ts';
import { createConfSettingsStore } from '../../../main/settings/conf-settings-store.ts';
import { PASSWORD, startTestOrg, totpAt, type TestOrg } from '../../support/local-org/test-org.ts';

const orgClock = manualClock(Date.now());
let identity: TestOrg;
let classic: TestOrg;
const dirs: string[] = [];

beforeAll(async () => {
  identity = await startTestOrg({ engine: 'identity', clock: orgClock });
  classic = await startTestOrg({ engine: 'classic' });
});
afterAll(async () => {
  await identity.close();
  await classic.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The app's fetch port, recording every URL path the app asked for. */
function recordingFetch(): { fetch: FetchLike; paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    fetch: (url, init) => {
      paths.push(new URL(url).pathname);
      return fetch(url, init);
    },
  };
}

async function loopbackClient(t: TestOrg): Promise<string> {
  const created = await t.admin('POST', '/api/v1/apps', {
    label: 'Garage Sign-In (loopback)',
    signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: { token_endpoint_auth_method: 'none' } },
    settings: { oauthClient: { redirect_uris: [LOOPBACK_REDIRECT_URI], response_types: ['code'], grant_types: ['interaction_code', 'refresh_token'], application_type: 'native' } },
  });
  expect(created.status).toBe(200);
  return String(created.body.credentials.oauthClient.client_id);
}

function app(t: TestOrg, fetcher: FetchLike, clientId: string | undefined): Composition {
  const dir = mkdtempSync(join(tmpdir(), 'idx-app-'));
  dirs.push(dir);
  return compose({
    orgUrl: t.url,
    trainingOrg: true,
    version: '0.0.0',
    build: '0.0.0 (test)',
    updates: 'development',
    platform: 'test',
    diagnosticsUrl: `${t.url}/diagnostics`,
    supportUrl: t.url,
    allowedHosts: [new URL(t.url).host],
    dataDir: dir,
    fetch: fetcher,
    clock: systemClock,
    random: cryptoRandom,
    sleep: async () => undefined,
    log: silentLogger,
    settings: createConfSettingsStore(dir),
    secretStore: createMemorySecretStore(),
    defaultLanguage: 'en',
    qrDataUrl: async (text) => `data:text/plain,${encodeURIComponent(text)}`,
    openExternal: async () => undefined,
    keyPath: { path: 'renderer', reason: 'browser-preview' },
    listKeys: async () => [],
    emit: () => undefined,
    ...(clientId ? { identityClient: { clientId, redirectUri: LOOPBACK_REDIRECT_URI } } : {}),
  });
}

describe('engine detection against the local org', () => {
  it('reads Classic on a classic org, Identity Engine on an identity org, and sees an upgrade', async () => {
    const deps = { fetch: ((url, init) => fetch(url, init)) as FetchLike, clock: systemClock, sleep: async () => undefined };
    const onIdentity = createEngineDetector({ ...deps, orgUrl: identity.url });
    expect(await onIdentity.detect()).toMatchObject({ ok: true, value: { engine: 'identity', source: 'org' } });

    const upgraded = await startTestOrg({ engine: 'classic' });
    try {
      const detector = createEngineDetector({ ...deps, orgUrl: upgraded.url });
      expect(await detector.detect()).toMatchObject({ ok: true, value: { engine: 'classic', source: 'org' } });
      expect((await upgraded.admin('POST', '/api/v1/org/upgrade')).status).toBe(200);
      expect(await detector.detect()).toMatchObject({ ok: true, value: { engine: 'identity', source: 'org' } });
    } finally {
      await upgraded.close();
    }
  });
});

describe('the app on an Identity Engine org', () => {
  it('signs in with the password, enrolls Google Authenticator, then signs in with a TOTP code, through IDX only', async () => {
    const login = 'idx.tech@garage.test';
    await identity.activeUser(login);
    const clientId = await loopbackClient(identity);
    const recorder = recordingFetch();
    const { handlers } = app(identity, recorder.fetch, clientId);

    const first = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    expect(first).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', user: { login }, canSkip: false } });
    if (!first.ok) throw new Error('sign-in failed');
    expect(first.value.factors?.map((f) => f.kind)).toContain('totp-google');

    const enrolling = await handlers['auth.enroll']({ kind: 'totp-google' });
    expect(enrolling).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE', factor: { kind: 'totp-google' }, activation: { kind: 'totp', digits: 6, period: 30 } } });
    if (!enrolling.ok || enrolling.value.activation?.kind !== 'totp') throw new Error('no TOTP activation');
    // The seed is not in the state reply: only the enrollment screen's own request gets it.
    expect(JSON.stringify(enrolling.value)).not.toMatch(/secret|manualKey|qrDataUrl/);
    const setup = await handlers['auth.totpSetup']({});
    if (!setup.ok) throw new Error('no TOTP setup');
    const secret = setup.value.manualKey;
    expect(decodeURIComponent(setup.value.qrDataUrl)).toContain(`secret=${secret}`);

    const wrong = await handlers['auth.activate']({ passCode: totpAt(secret, orgClock) === '000000' ? '111111' : '000000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'E_AUTH_INVALID_PASSCODE' } });
    const activated = await handlers['auth.activate']({ passCode: totpAt(secret, orgClock) });
    // The org then offers the optional enrollments (security question), which the technician skips.
    expect(activated).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    expect(await handlers['auth.skip']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });

    orgClock.advance(30_000);
    await handlers['auth.cancel']({});
    const again = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    expect(again).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED' } });
    if (!again.ok) throw new Error('second sign-in failed');
    const google = again.value.factors?.find((f) => f.kind === 'totp-google');
    expect(google?.id).toBeDefined();
    const verified = await handlers['auth.verify']({ factorId: google?.id ?? '', passCode: totpAt(secret, orgClock) });
    expect(verified).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });

    expect(recorder.paths.filter((p) => p.startsWith('/idp/idx/')).length).toBeGreaterThan(6);
    expect(recorder.paths).toContain('/oauth2/default/v1/interact');
    expect(recorder.paths).toContain('/oauth2/default/v1/token');
    expect(recorder.paths.filter((p) => p.startsWith('/api/v1/authn'))).toEqual([]);
  });

  it('activates from the Identity Engine e-mail link through IDX: password with the policy, security question (no security image), then Google Authenticator', async () => {
    const clientId = await loopbackClient(identity);
    const recorder = recordingFetch();
    const { handlers } = app(identity, recorder.fetch, clientId);
    const created = await identity.admin('POST', '/api/v1/users?activate=false', { profile: { firstName: 'Nadia', lastName: 'Nouvelle', email: 'idx.nadia@garage.test', login: 'idx.nadia@garage.test', locale: 'fr_CA' } });
    const activation = await identity.admin('POST', `/api/v1/users/${String(created.body.id)}/lifecycle/activate?sendEmail=false`);
    const link = String(activation.body.activationUrl);
    expect(link).toMatch(/\/tokens\/[A-Za-z0-9]+\/verify$/);

    const redeemed = await handlers['auth.redeemActivation']({ link });
    expect(redeemed).toMatchObject({
      ok: true,
      value: { status: 'PASSWORD_RESET', recoveryType: 'ACCOUNT_ACTIVATION', user: { login: 'idx.nadia@garage.test' }, policy: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, excludeUsername: true } },
    });
    const options = await handlers['auth.activationOptions']({});
    expect(options).toMatchObject({ ok: true, value: { images: [] } });
    if (!options.ok) throw new Error('no options');
    expect(options.value.questions.map((q) => q.id)).toContain('disliked_food');

    const weak = await handlers['auth.createAccount']({ newPassword: 'faible', question: 'disliked_food', answer: 'les épinards' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'E_AUTH_PASSWORD_POLICY' } });
    const account = await handlers['auth.createAccount']({ newPassword: 'Garage-Neuf-2024', question: 'disliked_food', answer: 'les épinards' });
    // The question is enrolled in the same action; the second factor comes next and cannot be skipped.
    expect(account).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: false } });
    if (!account.ok) throw new Error('account not created');
    expect(account.value.factors?.map((f) => f.kind)).toContain('totp-google');
    expect(account.value.factors?.map((f) => f.kind)).not.toContain('question');
    const factors = await identity.admin('GET', `/api/v1/users/${String(created.body.id)}/factors`);
    expect((factors.body as unknown as { factorType: string }[]).map((f) => f.factorType)).toEqual(['question']);

    await handlers['auth.enroll']({ kind: 'totp-google' });
    const setup = await handlers['auth.totpSetup']({});
    if (!setup.ok) throw new Error('no TOTP setup');
    // Then the org offers the other methods (optional now), which the technician skips.
    expect(await handlers['auth.activate']({ passCode: totpAt(setup.value.manualKey, orgClock) })).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    expect(await handlers['auth.skip']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login: 'idx.nadia@garage.test' } } });
    expect(recorder.paths).toContain('/oauth2/default/v1/interact');
    expect(recorder.paths.filter((p) => p.startsWith('/api/v1/authn'))).toEqual([]);
    expect(await handlers['auth.redeemActivation']({ link })).toMatchObject({ ok: false, error: { code: 'E_AUTH_ACTIVATION_TOKEN_USED' } });
  });

  it('lost phone: support resets the factors mid-sign-in, the app says the sign-in expired, and the next sign-in enrolls again', async () => {
    const login = 'idx.lostapp@garage.test';
    const { id, secret } = await identity.activeUser(login, { totp: true });
    const clientId = await loopbackClient(identity);
    const { handlers } = app(identity, recordingFetch().fetch, clientId);
    const first = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    expect(first).toMatchObject({ ok: true, value: { status: 'MFA_REQUIRED' } });

    expect((await identity.admin('POST', `/api/v1/users/${id}/lifecycle/reset_factors?sendEmail=false`)).status).toBe(200);
    orgClock.advance(30_000);
    const google = first.ok ? first.value.factors?.find((f) => f.kind === 'totp-google') : undefined;
    const stale = await handlers['auth.verify']({ factorId: google?.id ?? '', passCode: totpAt(secret!, orgClock) });
    expect(stale).toMatchObject({ ok: false, error: { code: 'E_AUTH_TRANSACTION_EXPIRED' } });

    const again = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    expect(again).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: false } });
    await handlers['auth.enroll']({ kind: 'totp-google' });
    const setup = await handlers['auth.totpSetup']({});
    if (!setup.ok) throw new Error('no TOTP setup');
    expect(setup.value.manualKey).not.toBe(secret);
    expect(await handlers['auth.activate']({ passCode: totpAt(setup.value.manualKey, orgClock) })).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    expect(await handlers['auth.skip']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
  });

  it('answers a wrong password with E_AUTH_BAD_CREDENTIALS and keeps state handles and tokens out of every view', async () => {
    const clientId = await loopbackClient(identity);
    const recorder = recordingFetch();
    const { handlers } = app(identity, recorder.fetch, clientId);
    await identity.activeUser('idx.wrong@garage.test');
    const bad = await handlers['auth.signIn']({ username: 'idx.wrong@garage.test', password: 'Wrong-Password1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'E_AUTH_BAD_CREDENTIALS', oktaCode: 'errors.E0000004' } });
    const state = await handlers['auth.state']({});
    expect(JSON.stringify([bad, state])).not.toMatch(/"02[A-Za-z0-9_-]{10,}|stateHandle|interaction/);
  });

  it('signs in through Classic on a classic org, with the same client configured', async () => {
    const recorder = recordingFetch();
    const { handlers } = app(classic, recorder.fetch, 'unused-client-id');
    await classic.activeUser('classic.tech@garage.test');
    const first = await handlers['auth.signIn']({ username: 'classic.tech@garage.test', password: PASSWORD });
    expect(first).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL' } });
    expect(recorder.paths).toContain('/api/v1/authn');
    expect(recorder.paths.filter((p) => p.startsWith('/idp/idx/') || p.endsWith('/v1/interact'))).toEqual([]);
    expect(await handlers['app.info']({})).toMatchObject({ ok: true, value: { engine: 'classic' } });
  });

  it('uses Classic on an identity org when no Identity Engine client is configured', async () => {
    const recorder = recordingFetch();
    const { handlers } = app(identity, recorder.fetch, undefined);
    await identity.activeUser('idx.noclient@garage.test');
    const first = await handlers['auth.signIn']({ username: 'idx.noclient@garage.test', password: PASSWORD });
    expect(first).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL' } });
    expect(recorder.paths).toContain('/api/v1/authn');
  });
});
