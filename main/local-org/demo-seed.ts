/**
 * The demo org seeded on the first `serve` of an empty data folder: one user in each state a
 * garage technician meets in the seed articles, so the app can be tried (and support trained)
 * without any Okta org. The technicians' demo accounts share one documented password; never use them
 * for real work. The support-desk admin can reset anyone's factors, so outside the browser preview
 * (`publishedPasswords` false) it gets a random password, kept in the org's database (0600) for the
 * installer to read with `npm run org -- support:password` (demo-support.ts).
 */
import type { OrgContext } from './org-context.ts';
import { inTransaction } from './store/database.ts';
import { getMeta, setMeta } from './store/meta-store.ts';
import { insertFactor } from './store/factor-store.ts';
import { listUsers, setUserStatus, updateUser } from './store/user-store.ts';
import { newId } from './security/okta-ids.ts';
import { newTotpSecret } from './factors/totp-engine.ts';
import { createUser } from './admin/user-admin.ts';
import { newSupportPassword, SUPPORT_LOGIN, SUPPORT_PASSWORD_META } from './demo-support.ts';

export const DEMO_PASSWORD = 'Atelier-2024';

export interface DemoUser {
  readonly login: string;
  readonly status: string;
  readonly password?: string;
  /** Base32 seed of the demo Google Authenticator factor (add it to an authenticator app by hand). */
  readonly totpSecret?: string;
  readonly activationUrl?: string;
  readonly note: string;
}

function addTotp(ctx: OrgContext, userId: string, login: string): string {
  const secret = newTotpSecret();
  const now = ctx.clock.nowMs();
  insertFactor(ctx.db, {
    id: newId(ctx.random, 'totpGoogle'), user_id: userId, factor_type: 'token:software:totp', provider: 'GOOGLE', status: 'ACTIVE', secret,
    last_time_step: -1, profile: JSON.stringify({ credentialId: login }), answer_hash: null, created_ms: now, updated_ms: now,
  });
  return secret;
}

/** Seeds once per data folder; returns the users created (empty if already seeded or not empty). */
export async function seedDemoOrg(ctx: OrgContext, options: { publishedPasswords?: boolean } = {}): Promise<DemoUser[]> {
  if (getMeta(ctx.db, 'demo-seeded') || listUsers(ctx.db).length > 0) return [];
  inTransaction(ctx.db, () => setMeta(ctx.db, 'demo-seeded', String(ctx.clock.nowMs())));
  const base = { email: '', locale: 'fr_CA' };
  const seeded: DemoUser[] = [];

  const newcomer = await createUser(ctx, { ...base, firstName: 'Nadia', lastName: 'Nouvelle', email: 'nadia.nouvelle@garage.example', login: 'nadia.nouvelle@garage.example' }, true);
  seeded.push({ login: newcomer.user.login, status: 'PROVISIONED', activationUrl: newcomer.activation?.activationUrl ?? '', note: 'new technician: activation e-mail in the outbox' });

  const enrolling = await createUser(ctx, { ...base, firstName: 'Marc', lastName: 'Tremblay', email: 'marc.tremblay@garage.example', login: 'marc.tremblay@garage.example', password: DEMO_PASSWORD }, true);
  seeded.push({ login: enrolling.user.login, status: 'ACTIVE', password: DEMO_PASSWORD, note: 'no factor yet: MFA_ENROLL at sign-in' });

  const ready = await createUser(ctx, { ...base, locale: 'en_US', firstName: 'Julie', lastName: 'Roy', email: 'julie.roy@garage.example', login: 'julie.roy@garage.example', password: DEMO_PASSWORD }, true);
  const secret = inTransaction(ctx.db, () => addTotp(ctx, ready.user.id, ready.user.login));
  seeded.push({ login: ready.user.login, status: 'ACTIVE', password: DEMO_PASSWORD, totpSecret: secret, note: 'Google Authenticator enrolled: MFA_REQUIRED at sign-in' });

  const locked = await createUser(ctx, { ...base, firstName: 'Luc', lastName: 'Gagnon', email: 'luc.gagnon@garage.example', login: 'luc.gagnon@garage.example', password: DEMO_PASSWORD }, true);
  inTransaction(ctx.db, () => {
    addTotp(ctx, locked.user.id, locked.user.login);
    setUserStatus(ctx.db, locked.user.id, 'LOCKED_OUT', ctx.clock.nowMs());
    updateUser(ctx.db, locked.user.id, { failed_passwords: ctx.policy.maxFailedPasswords });
  });
  seeded.push({ login: locked.user.login, status: 'LOCKED_OUT', password: DEMO_PASSWORD, note: 'locked out after too many bad passwords' });

  const published = options.publishedPasswords === true;
  const supportPassword = published ? DEMO_PASSWORD : newSupportPassword(ctx, SUPPORT_LOGIN);
  const support = await createUser(ctx, { ...base, locale: 'en_US', firstName: 'Sam', lastName: 'Support', email: SUPPORT_LOGIN, login: SUPPORT_LOGIN, password: supportPassword }, true, false);
  const supportSecret = inTransaction(ctx.db, () => {
    updateUser(ctx.db, support.user.id, { role: 'HELP_DESK_ADMIN' });
    if (!published) setMeta(ctx.db, SUPPORT_PASSWORD_META, supportPassword);
    return addTotp(ctx, support.user.id, support.user.login);
  });
  seeded.push({
    login: support.user.login,
    status: 'ACTIVE',
    ...(published ? { password: DEMO_PASSWORD } : {}),
    totpSecret: supportSecret,
    note: published ? 'support desk admin: sign in at /admin' : 'support desk admin: sign in at /admin; password: npm run org -- support:password --data <dir>',
  });
  return seeded;
}
