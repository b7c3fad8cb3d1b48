/**
 * Support-desk and hardware CLI commands:
 *   request:list --data <dir> [--all]                           → reference, status, e-mail, reason, received (tab-separated)
 *   request:resolve --data <dir> --ref <ref> [--reset-factors] [--note <text>] → FACTORS_RESET=<n> (if asked), RESOLVED=<ref>
 *   yubikey:add --data <dir> --public-id <modhex> --private-id <hex12> --aes-key <hex32> [--serial <n>] → YUBIKEY_ADDED=<publicId>
 *   admin:grant --data <dir> --email <e> [--role HELP_DESK_ADMIN|SUPER_ADMIN] → ADMIN_GRANTED=<login>
 *   support:password --data <dir>  → SUPPORT_LOGIN=<login>, SUPPORT_PASSWORD=<password>, SUPPORT_TOTP_SECRET=<base32>
 *         (the demo org's support admin outside the preview; reading it takes read access to the data folder)
 */
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import { inTransaction } from '../store/database.ts';
import { audit } from '../store/audit-store.ts';
import { searchRequests } from '../store/support-store.ts';
import { updateUser } from '../store/user-store.ts';
import { performSupportAction } from '../support/support-actions.ts';
import { addYubikey, YubikeySeed } from '../admin/yubikey-admin.ts';
import { ADMIN_ROLES } from '../admin/org-admin-routes.ts';
import { optional, required, UsageError, type CliArgs } from './args.ts';
import { userByEmail } from './user-commands.ts';
import { supportCredentials } from '../demo-support.ts';

export type CliCommand = (ctx: OrgContext, args: CliArgs, out: (line: string) => void) => Promise<void> | void;

const CLI_ACTOR = 'cli';

export const extraCommands: Readonly<Record<string, CliCommand>> = {
  'request:list': (ctx, args, out) => {
    for (const r of searchRequests(ctx.db, { status: args.flags.get('all') === true ? undefined : 'OPEN' })) {
      out([r.reference, r.status, r.email, r.reason, iso(r.created_ms)].join('\t'));
    }
  },
  'request:resolve': async (ctx, args, out) => {
    const reference = required(args, 'ref');
    if (args.flags.get('reset-factors') === true) {
      const detail = await performSupportAction(ctx, CLI_ACTOR, reference, 'reset-factors');
      out(`FACTORS_RESET=${String(detail.factorsRemoved ?? 0)}`);
    }
    await performSupportAction(ctx, CLI_ACTOR, reference, 'close', optional(args, 'note') ?? 'Resolved from the command line');
    out(`RESOLVED=${reference.toUpperCase()}`);
  },
  'yubikey:add': (ctx, args, out) => {
    const parsed = YubikeySeed.safeParse({
      publicId: required(args, 'public-id'),
      privateId: required(args, 'private-id'),
      aesKey: required(args, 'aes-key'),
      ...(optional(args, 'serial') ? { serialNumber: optional(args, 'serial') } : {}),
    });
    if (!parsed.success) throw new UsageError('--public-id must be modhex, --private-id 12 hex digits, --aes-key 32 hex digits');
    const key = addYubikey(ctx, parsed.data);
    inTransaction(ctx.db, () => audit(ctx.db, ctx.clock.nowMs(), CLI_ACTOR, 'yubikey-add', key.public_id));
    out(`YUBIKEY_ADDED=${key.public_id}`);
  },
  'admin:grant': (ctx, args, out) => {
    const user = userByEmail(ctx, args);
    const role = optional(args, 'role') ?? 'HELP_DESK_ADMIN';
    if (!(ADMIN_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ADMIN_ROLES.join(', ')}`);
    inTransaction(ctx.db, () => {
      updateUser(ctx.db, user.id, { role, updated_ms: ctx.clock.nowMs() });
      audit(ctx.db, ctx.clock.nowMs(), CLI_ACTOR, 'admin-grant', user.login, { role });
    });
    out(`ADMIN_GRANTED=${user.login}`);
  },
  'support:password': async (ctx, _args, out) => {
    const found = await supportCredentials(ctx);
    if (!found.ok) {
      throw new Error(found.reason === 'changed' ? 'the support admin no longer uses the generated password' : 'this org has no generated support password (not a demo org, or the preview published it)');
    }
    out(`SUPPORT_LOGIN=${found.login}`);
    out(`SUPPORT_PASSWORD=${found.password}`);
    if (found.totpSecret) out(`SUPPORT_TOTP_SECRET=${found.totpSecret}`);
  },
};
