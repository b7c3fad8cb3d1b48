/**
 * OpenID Connect app registrations, as Okta's Apps API keeps them: the app id is the client id
 * (`0oa…`), `settings.oauthClient` holds redirect URIs, grant and response types and the application
 * type. A web app's client secret is stored hashed (it is shown once, at creation).
 */
import type { Db } from '../store/database.ts';

export const GRANT_TYPES = [
  'authorization_code',
  'interaction_code',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:token-exchange',
] as const;
export type GrantType = (typeof GRANT_TYPES)[number];
export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

export interface OAuthClientSettings {
  readonly redirect_uris: readonly string[];
  readonly post_logout_redirect_uris: readonly string[];
  readonly response_types: readonly string[];
  readonly grant_types: readonly GrantType[];
  readonly application_type: 'native' | 'web';
  readonly consent_method: 'TRUSTED' | 'REQUIRED';
}

export interface AppRow {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly status: 'ACTIVE' | 'INACTIVE';
  readonly application_type: 'native' | 'web';
  readonly token_endpoint_auth_method: 'none' | 'client_secret_basic' | 'client_secret_post';
  readonly client_secret_hash: string | null;
  readonly settings: string;
  readonly created_ms: number;
  readonly updated_ms: number;
}

export function appSettings(app: AppRow): OAuthClientSettings {
  return JSON.parse(app.settings) as OAuthClientSettings;
}

export function insertApp(db: Db, app: AppRow): void {
  db.prepare(
    'INSERT INTO oauth_apps (id, name, label, status, application_type, token_endpoint_auth_method, client_secret_hash, settings, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(app.id, app.name, app.label, app.status, app.application_type, app.token_endpoint_auth_method, app.client_secret_hash, app.settings, app.created_ms, app.updated_ms);
}

export function findApp(db: Db, clientId: string): AppRow | undefined {
  return db.prepare('SELECT * FROM oauth_apps WHERE id = ?').get(clientId) as AppRow | undefined;
}

export function listApps(db: Db): AppRow[] {
  return db.prepare('SELECT * FROM oauth_apps ORDER BY created_ms, id').all() as unknown as AppRow[];
}

export function updateAppSettings(db: Db, id: string, settings: OAuthClientSettings, nowMs: number): void {
  db.prepare('UPDATE oauth_apps SET settings = ?, updated_ms = ? WHERE id = ?').run(JSON.stringify(settings), nowMs, id);
}

/** Okta's `interclient-allowed-apps`: which origin apps may mint an interclient token for `target`. */
export function allowInterclient(db: Db, target: string, origin: string): void {
  db.prepare('INSERT OR IGNORE INTO interclient_allowed (target_app, origin_app) VALUES (?, ?)').run(target, origin);
}

export function interclientAllowed(db: Db, target: string, origin: string): boolean {
  return db.prepare('SELECT 1 FROM interclient_allowed WHERE target_app = ? AND origin_app = ?').get(target, origin) !== undefined;
}

export function interclientOrigins(db: Db, target: string): string[] {
  return (db.prepare('SELECT origin_app FROM interclient_allowed WHERE target_app = ?').all(target) as { origin_app: string }[]).map((r) => r.origin_app);
}
