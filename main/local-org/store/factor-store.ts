/** Enrolled factors. `secret` holds what the server must keep in clear to compute codes (TOTP seed). */
import type { Db } from './database.ts';

export type FactorType = 'token:software:totp' | 'push' | 'question' | 'token:hardware' | 'webauthn';
export type FactorProvider = 'GOOGLE' | 'OKTA' | 'YUBICO' | 'FIDO';
export type FactorStatus = 'PENDING_ACTIVATION' | 'ACTIVE';

export interface FactorRow {
  readonly id: string;
  readonly user_id: string;
  readonly factor_type: FactorType;
  readonly provider: FactorProvider;
  readonly status: FactorStatus;
  readonly secret: string | null;
  /** Last accepted TOTP time step / YubiKey counter / WebAuthn sign count: replay guard. */
  readonly last_time_step: number;
  /** JSON object, factor-specific (question key, credentialId, device name…). */
  readonly profile: string;
  readonly answer_hash: string | null;
  readonly created_ms: number;
  readonly updated_ms: number;
}

export function factorProfile(factor: FactorRow): Record<string, unknown> {
  return JSON.parse(factor.profile) as Record<string, unknown>;
}

export function listFactors(db: Db, userId: string): FactorRow[] {
  return db.prepare('SELECT * FROM factors WHERE user_id = ? ORDER BY created_ms, id').all(userId) as unknown as FactorRow[];
}

export function activeFactors(db: Db, userId: string): FactorRow[] {
  return listFactors(db, userId).filter((factor) => factor.status === 'ACTIVE');
}

export function findFactor(db: Db, userId: string, factorId: string): FactorRow | undefined {
  return db.prepare('SELECT * FROM factors WHERE id = ? AND user_id = ?').get(factorId, userId) as FactorRow | undefined;
}

export function insertFactor(db: Db, factor: FactorRow): void {
  const keys = Object.keys(factor);
  db.prepare(`INSERT INTO factors (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(
    ...keys.map((key) => factor[key as keyof FactorRow]),
  );
}

export function activateFactor(db: Db, factorId: string, nowMs: number): void {
  db.prepare("UPDATE factors SET status = 'ACTIVE', updated_ms = ? WHERE id = ?").run(nowMs, factorId);
}

/**
 * Moves the replay guard forward only if `step` is newer; returns false when another request already
 * used this step (or a later one), so a replayed code loses even under concurrency.
 */
export function advanceFactorStep(db: Db, factorId: string, step: number, nowMs: number): boolean {
  const result = db.prepare('UPDATE factors SET last_time_step = ?, updated_ms = ? WHERE id = ? AND last_time_step < ?').run(step, nowMs, factorId, step);
  return Number(result.changes) === 1;
}

export function updateFactorProfile(db: Db, factorId: string, profile: Record<string, unknown>, nowMs: number): void {
  db.prepare('UPDATE factors SET profile = ?, updated_ms = ? WHERE id = ?').run(JSON.stringify(profile), nowMs, factorId);
}

export function deleteFactor(db: Db, factorId: string): void {
  db.prepare('DELETE FROM factors WHERE id = ?').run(factorId);
}

/** Okta's reset_factors: every enrollment back to "not set up". */
export function deleteAllFactors(db: Db, userId: string): number {
  return Number(db.prepare('DELETE FROM factors WHERE user_id = ?').run(userId).changes);
}
