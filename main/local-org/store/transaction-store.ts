/**
 * Authn transactions keyed by the hash of their stateToken. Okta: "stateToken … Sliding expiry:
 * extended by every request" with a 5-minute lifetime (authn reference, "Transaction object").
 */
import type { Db } from './database.ts';
import { tokenHash } from '../security/secret-token.ts';

export const STATE_TOKEN_LIFETIME_MS = 5 * 60 * 1000;

export type TxStatus =
  | 'PASSWORD_RESET'
  | 'MFA_ENROLL'
  | 'MFA_ENROLL_ACTIVATE'
  | 'MFA_REQUIRED'
  | 'MFA_CHALLENGE'
  | 'RECOVERY'
  | 'RECOVERY_CHALLENGE';

export type RecoveryType = 'ACCOUNT_ACTIVATION' | 'PASSWORD' | 'UNLOCK';

export interface TxData {
  /** Factor being activated (MFA_ENROLL_ACTIVATE) or challenged (MFA_CHALLENGE). */
  factorId?: string;
  recoveryType?: RecoveryType;
  /** Bad passcodes in this transaction; the 5th ends it (issue #3). */
  passcodeFailures: number;
  /** Raw QR link token for the factor being activated (the TOTP seed itself is stored alongside). */
  qrToken?: string;
  multiOptionalFactorEnroll?: boolean;
  /** Last factorResult to echo when the transaction is read again (WAITING, REJECTED, TIMEOUT…). */
  factorResult?: string;
  /** Push / WebAuthn challenge bookkeeping (issue #4). */
  challenge?: Record<string, unknown>;
}

export interface Tx {
  readonly hash: string;
  readonly userId: string;
  status: TxStatus;
  expiresMs: number;
  data: TxData;
  readonly createdMs: number;
  /** The caller's token, needed to echo it back; never stored. */
  readonly stateToken: string;
}

interface TxRowShape {
  hash: string;
  user_id: string;
  status: TxStatus;
  expires_ms: number;
  data: string;
  created_ms: number;
}

export function createTx(db: Db, stateToken: string, userId: string, status: TxStatus, data: TxData, nowMs: number): Tx {
  const tx: Tx = { hash: tokenHash(stateToken), userId, status, expiresMs: nowMs + STATE_TOKEN_LIFETIME_MS, data, createdMs: nowMs, stateToken };
  db.prepare('INSERT INTO transactions (hash, user_id, status, expires_ms, data, created_ms) VALUES (?, ?, ?, ?, ?, ?)').run(
    tx.hash, userId, status, tx.expiresMs, JSON.stringify(data), nowMs,
  );
  return tx;
}

/** The live transaction for a stateToken, or undefined when unknown or expired. */
export function loadTx(db: Db, stateToken: string, nowMs: number): Tx | undefined {
  const found = db.prepare('SELECT * FROM transactions WHERE hash = ?').get(tokenHash(stateToken)) as TxRowShape | undefined;
  if (!found) return undefined;
  if (found.expires_ms <= nowMs) {
    db.prepare('DELETE FROM transactions WHERE hash = ?').run(found.hash);
    return undefined;
  }
  return {
    hash: found.hash,
    userId: found.user_id,
    status: found.status,
    expiresMs: found.expires_ms,
    data: JSON.parse(found.data) as TxData,
    createdMs: found.created_ms,
    stateToken,
  };
}

/** Persist the new state and slide the expiry. */
export function saveTx(db: Db, tx: Tx, nowMs: number): void {
  tx.expiresMs = nowMs + STATE_TOKEN_LIFETIME_MS;
  db.prepare('UPDATE transactions SET status = ?, expires_ms = ?, data = ? WHERE hash = ?').run(tx.status, tx.expiresMs, JSON.stringify(tx.data), tx.hash);
}

export function endTx(db: Db, tx: Tx): void {
  db.prepare('DELETE FROM transactions WHERE hash = ?').run(tx.hash);
}

/** After reset_factors or unlock by support, in-flight transactions of that user must not continue. */
export function endUserTxs(db: Db, userId: string): void {
  db.prepare('DELETE FROM transactions WHERE user_id = ?').run(userId);
  // Identity Engine transactions too: one store of users and factors serves both engines.
  db.prepare('DELETE FROM idx_transactions WHERE user_id = ?').run(userId);
}

export function purgeExpiredTxs(db: Db, nowMs: number): void {
  db.prepare('DELETE FROM transactions WHERE expires_ms <= ?').run(nowMs);
}
