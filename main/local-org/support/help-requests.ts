/**
 * Help requests (`POST /api/v1/support/requests`, no sign-in): validated, stored durably before the
 * answer, acknowledged by e-mail, and given a short reference a technician can read over the phone
 * (`HR-7K2Q`: 4 characters from an alphabet without 0/O, 1/I/L or U, so it cannot be misheard).
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import { inTransaction } from '../store/database.ts';
import { findRequest, insertRequest, type SupportRequestRow } from '../store/support-store.ts';
import { findUserByLogin } from '../store/user-store.ts';

/** The reasons of the help form; "Cannot log in" is the one the lost-phone article tells users to pick. */
export const HELP_REASONS = ['Cannot log in', 'Lost or replaced phone', 'Account locked', 'Activation e-mail not received', 'Other'] as const;

const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
const MAX_DIAGNOSTICS_BYTES = 8 * 1024;

export const HelpRequestBody = z.strictObject({
  email: z.email().max(320),
  reason: z.enum(HELP_REASONS),
  message: z.string().trim().min(1).max(2000),
  locale: z.string().max(16).optional(),
  diagnostics: z
    .record(z.string().max(64), z.unknown())
    .refine((value) => JSON.stringify(value).length <= MAX_DIAGNOSTICS_BYTES, { message: 'diagnostics too large' })
    .optional(),
});
export type HelpRequestInput = z.infer<typeof HelpRequestBody>;

export function newReference(random: (n: number) => Uint8Array): string {
  let out = '';
  for (const byte of random(16)) {
    if (byte < 240 && out.length < 4) out += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length];
  }
  return `HR-${out.padEnd(4, 'A')}`;
}

export async function submitHelpRequest(ctx: OrgContext, input: HelpRequestInput): Promise<SupportRequestRow> {
  const user = findUserByLogin(ctx.db, input.email);
  const locale = input.locale ?? user?.locale ?? 'en_US';
  const row = inTransaction(ctx.db, () => {
    let reference = newReference(ctx.random);
    while (findRequest(ctx.db, reference)) reference = newReference(ctx.random);
    const created: SupportRequestRow = {
      reference, email: input.email.trim(), reason: input.reason, message: input.message, diagnostics: input.diagnostics ? JSON.stringify(input.diagnostics) : null,
      locale, status: 'OPEN', created_ms: ctx.clock.nowMs(), closed_ms: null, closed_by: null, note: null,
    };
    insertRequest(ctx.db, created);
    return created;
  });
  try {
    await ctx.mailer.send({ to: row.email, template: 'help-request-ack', locale, vars: { reference: row.reference, reason: row.reason } });
  } catch (error: unknown) {
    // The request is stored; a failed acknowledgement must not lose it or fail the answer.
    ctx.log.warn('local-org.help-ack-failed', { reference: row.reference, error });
  }
  return row;
}

export function requestJson(row: SupportRequestRow): Record<string, unknown> {
  return { reference: row.reference, status: row.status, reason: row.reason, createdAt: iso(row.created_ms) };
}
