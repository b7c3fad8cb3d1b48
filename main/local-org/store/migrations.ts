/**
 * Schema migrations, applied in order and recorded in `PRAGMA user_version`. Append only: a shipped
 * migration never changes, so an installed org upgrades by running the ones it has not seen.
 * Times are epoch milliseconds from the injected clock; secrets are stored hashed except TOTP seeds
 * and YubiKey AES keys, which the server needs in clear to compute codes (RFC 6238 §5.1).
 */
import type { DatabaseSync } from 'node:sqlite';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     login TEXT NOT NULL UNIQUE COLLATE NOCASE,
     email TEXT NOT NULL,
     first_name TEXT NOT NULL,
     last_name TEXT NOT NULL,
     locale TEXT NOT NULL,
     status TEXT NOT NULL,
     password_hash TEXT,
     password_changed_ms INTEGER,
     security_image TEXT,
     recovery_question TEXT,
     recovery_answer_hash TEXT,
     failed_passwords INTEGER NOT NULL DEFAULT 0,
     created_ms INTEGER NOT NULL,
     activated_ms INTEGER,
     status_changed_ms INTEGER,
     last_login_ms INTEGER,
     updated_ms INTEGER NOT NULL
   );
   CREATE TABLE factors (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     factor_type TEXT NOT NULL,
     provider TEXT NOT NULL,
     status TEXT NOT NULL,
     secret TEXT,
     last_time_step INTEGER NOT NULL DEFAULT -1,
     profile TEXT NOT NULL DEFAULT '{}',
     answer_hash TEXT,
     created_ms INTEGER NOT NULL,
     updated_ms INTEGER NOT NULL
   );
   CREATE INDEX factors_user ON factors(user_id);
   CREATE TABLE tokens (
     hash TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
     expires_ms INTEGER NOT NULL,
     used_ms INTEGER,
     created_ms INTEGER NOT NULL,
     data TEXT NOT NULL DEFAULT '{}'
   );
   CREATE INDEX tokens_user ON tokens(user_id, kind);
   CREATE TABLE transactions (
     hash TEXT PRIMARY KEY,
     user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
     status TEXT NOT NULL,
     expires_ms INTEGER NOT NULL,
     data TEXT NOT NULL DEFAULT '{}',
     created_ms INTEGER NOT NULL
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     cookie_hash TEXT NOT NULL UNIQUE,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     amr TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     expires_ms INTEGER NOT NULL,
     last_password_ms INTEGER,
     last_factor_ms INTEGER
   );
   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     recipient TEXT NOT NULL,
     template TEXT NOT NULL,
     subject TEXT NOT NULL,
     file TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     smtp_status TEXT NOT NULL DEFAULT 'none'
   );
   CREATE TABLE meta (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  // Issue #4: Okta Verify pushes, YubiKey seeds, admin roles, help requests and the audit log.
  `ALTER TABLE users ADD COLUMN role TEXT;
   CREATE TABLE push_challenges (
     id TEXT PRIMARY KEY,
     factor_id TEXT NOT NULL REFERENCES factors(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     status TEXT NOT NULL,
     correct_answer INTEGER,
     choices TEXT NOT NULL DEFAULT '[]',
     created_ms INTEGER NOT NULL,
     expires_ms INTEGER NOT NULL
   );
   CREATE INDEX push_factor ON push_challenges(factor_id, status);
   CREATE TABLE yubikeys (
     public_id TEXT PRIMARY KEY,
     private_id TEXT NOT NULL,
     aes_key TEXT NOT NULL,
     serial TEXT,
     user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
     last_counter INTEGER NOT NULL DEFAULT -1,
     last_session INTEGER NOT NULL DEFAULT -1,
     created_ms INTEGER NOT NULL
   );
   CREATE TABLE support_requests (
     reference TEXT PRIMARY KEY,
     email TEXT NOT NULL,
     reason TEXT NOT NULL,
     message TEXT NOT NULL,
     diagnostics TEXT,
     locale TEXT NOT NULL,
     status TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     closed_ms INTEGER,
     closed_by TEXT,
     note TEXT
   );
   CREATE INDEX support_open ON support_requests(status, created_ms);
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at_ms INTEGER NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     detail TEXT NOT NULL DEFAULT '{}'
   );`,
  // Issue #17: OAuth 2.0 app registrations (Okta Apps API) and Identity Engine (IDX) transactions.
  // The signing key and the org's engine live in meta.
  `CREATE TABLE oauth_apps (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     label TEXT NOT NULL,
     status TEXT NOT NULL,
     application_type TEXT NOT NULL,
     token_endpoint_auth_method TEXT NOT NULL,
     client_secret_hash TEXT,
     settings TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     updated_ms INTEGER NOT NULL
   );
   CREATE TABLE interclient_allowed (
     target_app TEXT NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
     origin_app TEXT NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
     PRIMARY KEY (target_app, origin_app)
   );
   CREATE TABLE idx_transactions (
     hash TEXT PRIMARY KEY,
     interaction_hash TEXT NOT NULL UNIQUE,
     user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
     data TEXT NOT NULL,
     expires_ms INTEGER NOT NULL,
     created_ms INTEGER NOT NULL
   );
   CREATE INDEX idx_transactions_user ON idx_transactions(user_id);`,
];

export function migrate(db: DatabaseSync): void {
  const current = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  for (let version = current; version < MIGRATIONS.length; version += 1) {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Re-read under the write lock: another process may have migrated meanwhile.
      const seen = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
      if (seen <= version) {
        db.exec(MIGRATIONS[version] as string);
        db.exec(`PRAGMA user_version = ${version + 1}`);
      }
      db.exec('COMMIT');
    } catch (error: unknown) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length;
