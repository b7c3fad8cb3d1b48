/** The app's composition on an identity org for integration tests: a loopback native client, the real handlers, a recording fetch port. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchLike } from '../../main/auth/authn-http.ts';
import { compose, LOOPBACK_REDIRECT_URI, type Composition } from '../../main/compose.ts';
import { systemClock } from '../../main/core/clock.ts';
import { cryptoRandom } from '../../main/core/random.ts';
import { silentLogger } from '../../main/core/redact.ts';
import { createMemorySecretStore } from '../../main/keychain/memory-secret-store.ts';
import { createConfSettingsStore } from '../../main/settings/conf-settings-store.ts';
import type { KeyCeremonies } from '../../main/yubikey/key-ceremonies.ts';
import type { TestOrg } from './local-org/test-org.ts';

/** Registers the app as a native OIDC client with a loopback redirect URI (RFC 8252) through the org's Apps API. */
export async function registerLoopbackClient(t: TestOrg): Promise<string> {
  const created = await t.admin('POST', '/api/v1/apps', {
    label: 'Garage Sign-In (loopback)',
    signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: { token_endpoint_auth_method: 'none' } },
    settings: { oauthClient: { redirect_uris: [LOOPBACK_REDIRECT_URI], response_types: ['code'], grant_types: ['interaction_code', 'refresh_token'], application_type: 'native' } },
  });
  return String(created.body.credentials.oauthClient.client_id);
}

export interface IdentityApp {
  readonly app: Composition;
  /** Every URL path the app asked the org for. */
  readonly paths: string[];
  readonly dispose: () => void;
}

export function identityApp(t: TestOrg, clientId: string, yubikey?: KeyCeremonies): IdentityApp {
  const dir = mkdtempSync(join(tmpdir(), 'garage-idx-app-'));
  const paths: string[] = [];
  const fetcher: FetchLike = (url, init) => {
    paths.push(new URL(url).pathname);
    return fetch(url, init);
  };
  const app = compose({
    orgUrl: t.url, trainingOrg: true, version: '0.0.0', build: '0.0.0 (test)', updates: 'development', platform: 'test',
    diagnosticsUrl: `${t.url}/diagnostics`, supportUrl: t.url, allowedHosts: [new URL(t.url).host], dataDir: dir,
    fetch: fetcher, clock: systemClock, random: cryptoRandom, sleep: async () => undefined, log: silentLogger,
    settings: createConfSettingsStore(dir), secretStore: createMemorySecretStore(), defaultLanguage: 'en',
    qrDataUrl: async (text) => `data:text/plain,${encodeURIComponent(text)}`, openExternal: async () => undefined,
    keyPath: yubikey ? { path: 'native-hid', reason: 'hid-available' } : { path: 'renderer', reason: 'browser-preview' },
    listKeys: async () => [], emit: () => undefined, ...(yubikey ? { yubikey } : {}),
    identityClient: { clientId, redirectUri: LOOPBACK_REDIRECT_URI },
  });
  return { app, paths, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
