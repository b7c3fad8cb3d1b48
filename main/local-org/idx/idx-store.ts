/**
 * Identity Engine transactions. One row per interaction: created by `/v1/interact` (keyed by the
 * interaction handle's hash) and reached afterwards through its state handle (hash too; handles are
 * bearer secrets). The state handle is renewed when the interaction handle is introspected again, so a
 * handle is only ever known to whoever holds the interaction. Sliding expiry like Authn's stateToken.
 */
import type { Db } from '../store/database.ts';
import { tokenHash } from '../security/secret-token.ts';
import type { AuthenticatorKey } from './authenticators.ts';
import type { RecoveryData, RecoveryStep } from './recovery.ts';

export const STATE_HANDLE_LIFETIME_MS = 5 * 60 * 1000;
/** An interaction not introspected within this time is dropped (Okta: unconfirmed, okta-idx.md §8). */
export const INTERACTION_LIFETIME_MS = 10 * 60 * 1000;

/** Parameters of `/v1/interact`, carried to the code and the tokens. */
export interface Interaction {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly codeChallenge: string;
  readonly state: string;
  readonly nonce?: string | undefined;
  readonly activationToken?: string | undefined;
  readonly recoveryToken?: string | undefined;
}

export type IdxStep = 'identify' | 'select-authenticate' | 'challenge' | 'select-enroll' | 'enroll'
  | RecoveryStep;

export interface IdxData {
  readonly interaction: Interaction;
  step: IdxStep;
  userId?: string;
  amr: string[];
  authTimeMs?: number;
  /** Bad passcodes in this transaction; the org's limit ends it, as on the Classic side. */
  passcodeFailures: number;
  /** Factor being challenged or enrolled. */
  factorId?: string;
  /** Okta Verify push waiting for the device (step `challenge`). */
  pushId?: string;
  /** Authenticator being enrolled (step `enroll`). */
  enrollingKey?: AuthenticatorKey;
  /** Factors enrolled during this transaction (the optional-enrollment offer leaves them out). */
  enrolled: string[];
  /** WebAuthn challenge issued for the security key being enrolled or challenged (webauthn-idx.ts). */
  webauthnChallenge?: string;
  /** Okta Verify pairing code shown as the enrollment QR (okta-verify-idx.ts). */
  pairingCode?: string;
  /** Started from an activation token: the (not yet active) user is known without a password. */
  activation?: boolean;
  /** Password recovery or self-service unlock in progress (idx/recovery.ts). */
  recovery?: RecoveryData;
}

export interface IdxTx {
  readonly hash: string;
  readonly stateHandle: string;
  readonly expiresMs: number;
  data: IdxData;
}

interface Row {
  hash: string;
  interaction_hash: string;
  user_id: string | null;
  data: string;
  expires_ms: number;
  created_ms: number;
}

export function createIdxTx(db: Db, interactionHandle: string, stateHandle: string, data: IdxData, nowMs: number): void {
  db.prepare('INSERT INTO idx_transactions (hash, interaction_hash, user_id, data, expires_ms, created_ms) VALUES (?, ?, ?, ?, ?, ?)').run(
    tokenHash(stateHandle), tokenHash(interactionHandle), data.userId ?? null, JSON.stringify(data), nowMs + INTERACTION_LIFETIME_MS, nowMs,
  );
}

function live(found: Row | undefined, stateHandle: string, db: Db, nowMs: number): IdxTx | undefined {
  if (!found) return undefined;
  if (found.expires_ms <= nowMs) {
    db.prepare('DELETE FROM idx_transactions WHERE hash = ?').run(found.hash);
    return undefined;
  }
  return { hash: found.hash, stateHandle, expiresMs: found.expires_ms, data: JSON.parse(found.data) as IdxData };
}

export function loadIdxTx(db: Db, stateHandle: string, nowMs: number): IdxTx | undefined {
  const found = db.prepare('SELECT * FROM idx_transactions WHERE hash = ?').get(tokenHash(stateHandle)) as Row | undefined;
  return live(found, stateHandle, db, nowMs);
}

/** The transaction of an interaction handle, under a new state handle. */
export function renewByInteraction(db: Db, interactionHandle: string, newStateHandle: string, nowMs: number): IdxTx | undefined {
  const found = db.prepare('SELECT * FROM idx_transactions WHERE interaction_hash = ?').get(tokenHash(interactionHandle)) as Row | undefined;
  const tx = live(found, newStateHandle, db, nowMs);
  if (!tx) return undefined;
  const hash = tokenHash(newStateHandle);
  const expiresMs = nowMs + STATE_HANDLE_LIFETIME_MS;
  db.prepare('UPDATE idx_transactions SET hash = ?, expires_ms = ? WHERE hash = ?').run(hash, expiresMs, tx.hash);
  return { ...tx, hash, expiresMs };
}

export function saveIdxTx(db: Db, tx: IdxTx, nowMs: number): IdxTx {
  const expiresMs = nowMs + STATE_HANDLE_LIFETIME_MS;
  db.prepare('UPDATE idx_transactions SET data = ?, user_id = ?, expires_ms = ? WHERE hash = ?').run(JSON.stringify(tx.data), tx.data.userId ?? null, expiresMs, tx.hash);
  return { ...tx, expiresMs };
}

/** The OAuth client of the transaction a state handle or an interaction handle names, expired or not (call counting). */
export function clientOfHandle(db: Db, handle: string): string | undefined {
  const hash = tokenHash(handle);
  const found = db.prepare('SELECT data FROM idx_transactions WHERE hash = ? OR interaction_hash = ?').get(hash, hash) as { data: string } | undefined;
  return found ? (JSON.parse(found.data) as IdxData).interaction.clientId : undefined;
}

export function endIdxTx(db: Db, hash: string): void {
  db.prepare('DELETE FROM idx_transactions WHERE hash = ?').run(hash);
}

export function endUserIdxTxs(db: Db, userId: string): void {
  db.prepare('DELETE FROM idx_transactions WHERE user_id = ?').run(userId);
}
