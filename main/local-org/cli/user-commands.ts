/** CLI commands on users: create (prints ACTIVATION_URL=…), reset factors, unlock, list. */
import type { OrgContext } from '../org-context.ts';
import { findUserByLogin, listUsers, type UserRow } from '../store/user-store.ts';
import { listFactors } from '../store/factor-store.ts';
import { createUser, resetFactors, unlockUser } from '../admin/user-admin.ts';
import { optional, required, UsageError, type CliArgs } from './args.ts';

const LOCALES: Readonly<Record<string, string>> = { fr: 'fr_CA', en: 'en_US' };

export function userByEmail(ctx: OrgContext, args: CliArgs): UserRow {
  const email = required(args, 'email');
  const user = findUserByLogin(ctx.db, email);
  if (!user) throw new UsageError(`no user with login ${email}`);
  return user;
}

export async function userCreate(ctx: OrgContext, args: CliArgs, out: (line: string) => void): Promise<void> {
  const email = required(args, 'email');
  const locale = LOCALES[optional(args, 'locale') ?? 'en'];
  if (!locale) throw new UsageError('--locale must be fr or en');
  const { activation } = await createUser(
    ctx,
    { firstName: required(args, 'first'), lastName: required(args, 'last'), email, login: email, locale, password: optional(args, 'password') },
    true,
  );
  // A user created with --password is ACTIVE at once; the link still signs them in to enroll MFA.
  out(`ACTIVATION_URL=${activation?.activationUrl ?? ''}`);
}

export async function userResetFactors(ctx: OrgContext, args: CliArgs, out: (line: string) => void): Promise<void> {
  const user = userByEmail(ctx, args);
  const removed = await resetFactors(ctx, user, args.flags.get('no-email') !== true);
  out(`FACTORS_RESET=${removed}`);
}

export async function userUnlock(ctx: OrgContext, args: CliArgs, out: (line: string) => void): Promise<void> {
  const user = userByEmail(ctx, args);
  await unlockUser(ctx, user, args.flags.get('no-email') !== true);
  out(`UNLOCKED=${user.login}`);
}

export function userList(ctx: OrgContext, out: (line: string) => void): void {
  for (const user of listUsers(ctx.db)) {
    const factors = listFactors(ctx.db, user.id).map((factor) => `${factor.factor_type}/${factor.provider}:${factor.status}`);
    out([user.login, user.status, user.locale, factors.join(',') || '-'].join('\t'));
  }
}
