/** Users table access. Logins compare case-insensitively (Okta logins are case-insensitive). */
import type { Db } from './database.ts';

export type UserStatus = 'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'RECOVERY' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'SUSPENDED' | 'DEPROVISIONED';

export interface UserRow {
  readonly id: string;
  readonly login: string;
  readonly email: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly locale: string;
  readonly status: UserStatus;
  readonly password_hash: string | null;
  readonly password_changed_ms: number | null;
  readonly security_image: string | null;
  readonly recovery_question: string | null;
  readonly recovery_answer_hash: string | null;
  readonly failed_passwords: number;
  readonly created_ms: number;
  readonly activated_ms: number | null;
  readonly status_changed_ms: number | null;
  readonly last_login_ms: number | null;
  readonly updated_ms: number;
  /** Okta admin role (`HELP_DESK_ADMIN`, `SUPER_ADMIN`) or null for end users. */
  readonly role?: string | null;
}

export type UserPatch = Partial<Omit<UserRow, 'id' | 'created_ms'>>;

const COLUMNS = new Set<string>([
  'login', 'email', 'first_name', 'last_name', 'locale', 'status', 'password_hash', 'password_changed_ms', 'security_image',
  'recovery_question', 'recovery_answer_hash', 'failed_passwords', 'activated_ms', 'status_changed_ms', 'last_login_ms', 'updated_ms', 'role',
]);

export function findUserByLogin(db: Db, login: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE login = ?').get(login.trim()) as UserRow | undefined;
}

export function findUserById(db: Db, id: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

/** Okta's `/api/v1/users/{id}` also accepts the login in place of the id. */
export function findUserByIdOrLogin(db: Db, idOrLogin: string): UserRow | undefined {
  return findUserById(db, idOrLogin) ?? findUserByLogin(db, idOrLogin);
}

export function listUsers(db: Db): UserRow[] {
  return db.prepare('SELECT * FROM users ORDER BY created_ms, login').all() as unknown as UserRow[];
}

export function insertUser(db: Db, user: UserRow): void {
  const keys = Object.keys(user);
  db.prepare(`INSERT INTO users (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(
    ...keys.map((key) => user[key as keyof UserRow] ?? null),
  );
}

export function updateUser(db: Db, id: string, patch: UserPatch): void {
  const keys = Object.keys(patch).filter((key) => COLUMNS.has(key));
  if (keys.length === 0) return;
  db.prepare(`UPDATE users SET ${keys.map((key) => `${key} = ?`).join(', ')} WHERE id = ?`).run(
    ...keys.map((key) => patch[key as keyof UserPatch] ?? null),
    id,
  );
}

/** Status change with Okta's `statusChanged` timestamp kept in step. */
export function setUserStatus(db: Db, id: string, status: UserStatus, nowMs: number): void {
  updateUser(db, id, { status, status_changed_ms: nowMs, updated_ms: nowMs });
}
