/**
 * The `okta_verify` authenticator on Identity Engine (okta-idx.md §3 "Okta Verify"; the Sign-In Widget's
 * recorded `authenticator-enroll-ov-qr.json`, `authenticator-verification-okta-verify-totp.json` and
 * `authenticator-verification-number-challenge.json`).
 * - Enrollment: a pending push factor and a pairing code, shown as `contextualData.qrcode` (a data: PNG)
 *   with `selectedChannel: "qrcode"`; the reply offers `enroll-poll` (refresh 4000 ms) and
 *   `select-enrollment-channel` (QR only here: no SMS or e-mail sending of the link). The phone is the
 *   training device page (`/device`), which pairs from the code the QR carries, exactly as for the Authn
 *   API's push enrollment; the next poll ends the enrollment.
 * - Verification: push with the number challenge (idx-routes.ts), or the Okta Verify code
 *   (`methodType: "totp"`, answered as `credentials.totp`, okta-auth-js OktaVerifyTotp), checked by the
 *   Authn API's TOTP check on the user's token:software:totp/OKTA factor (replay-protected, same store).
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import { activeFactors, deleteFactor, insertFactor, listFactors, type FactorRow } from '../store/factor-store.ts';
import { PUSH_LIFETIME_MS, peekToken, storeToken } from '../store/token-store.ts';
import type { UserRow } from '../store/user-store.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { IdxFailure, MESSAGES } from './idx-http.ts';
import type { IdxTx } from './idx-store.ts';
import { newFactorRow } from '../factors/new-factor.ts';

type Json = Record<string, unknown>;
export type OvMethod = 'push' | 'totp';

const isOvTotp = (f: FactorRow) => f.factor_type === 'token:software:totp' && f.provider === 'OKTA';
const isOvPush = (f: FactorRow) => f.factor_type === 'push' && f.provider === 'OKTA';

/** The Okta Verify methods the user can be challenged with, push first (Okta's order). */
export function ovMethodsOf(ctx: OrgContext, user: UserRow): OvMethod[] {
  const factors = activeFactors(ctx.db, user.id);
  return [...(factors.some(isOvPush) ? (['push'] as const) : []), ...(factors.some(isOvTotp) ? (['totp'] as const) : [])];
}

/** The factor behind a method; without a method, the only one the user has (Okta would ask which otherwise). */
export function ovFactorFor(ctx: OrgContext, user: UserRow, methodType: string | undefined): FactorRow | undefined {
  const factors = activeFactors(ctx.db, user.id);
  if (methodType === 'totp') return factors.find(isOvTotp);
  if (methodType === 'push' || methodType === undefined) return factors.find(isOvPush) ?? (methodType ? undefined : factors.find(isOvTotp));
  return undefined;
}

export const isOktaVerifyTotp = isOvTotp;

const METHOD_LABELS: Record<OvMethod, string> = { push: 'Get a push notification', totp: 'Enter a code' };

/** The `select-authenticator-authenticate` option: the user's methods as the options of `methodType`. */
export function ovSelectOption(ctx: OrgContext, user: UserRow, authenticatorId: string, relatesTo: string): Json {
  const methods = ovMethodsOf(ctx, user);
  return {
    label: 'Okta Verify',
    value: {
      form: {
        value: [
          { name: 'id', required: true, value: authenticatorId, mutable: false },
          { name: 'methodType', type: 'string', required: false, options: methods.map((value) => ({ label: METHOD_LABELS[value], value })) },
        ],
      },
    },
    relatesTo,
  };
}

/** The Okta Verify code: `credentials.totp`, closed. */
const TotpBody = z.strictObject({ stateHandle: z.string().min(1).max(512), credentials: z.strictObject({ totp: z.string().max(16) }) });

export function ovTotpCode(raw: unknown): string {
  const parsed = TotpBody.safeParse(raw);
  if (!parsed.success) throw new IdxFailure(400, MESSAGES.badRequest);
  return parsed.data.credentials.totp;
}

export const OV_TOTP_FIELDS: readonly Json[] = [
  { name: 'credentials', type: 'object', required: true, form: { value: [{ name: 'totp', label: 'Enter code from Okta Verify app', required: true, visible: true }] } },
];

/** Only the QR channel is served: the local org sends no SMS, and e-mailing the link is not modelled. */
const Channel = z.enum(['qrcode']);

/** The `channel` of a `select-enrollment-channel` answer (or of an enrollment choice that names one). */
export function checkOvChannel(raw: unknown): void {
  const channel = (raw as { authenticator?: { channel?: unknown } }).authenticator?.channel;
  if (channel !== undefined && !Channel.safeParse(channel).success) throw new IdxFailure(400, MESSAGES.badRequest);
}

/**
 * Runs in the caller's write transaction: a pending push factor (an unfinished one is replaced: its QR
 * was never scanned) and a pairing code valid as long as a push (the Authn API's push enrollment's).
 */
export function startOvPairing(ctx: OrgContext, tx: IdxTx, user: UserRow): void {
  const now = ctx.clock.nowMs();
  for (const pending of listFactors(ctx.db, user.id).filter((f) => f.status === 'PENDING_ACTIVATION' && isOvPush(f))) deleteFactor(ctx.db, pending.id);
  const factor = newFactorRow(ctx, user.id, { kind: 'push', type: 'push', provider: 'OKTA', status: 'PENDING_ACTIVATION', profile: { credentialId: user.login } });
  insertFactor(ctx.db, factor);
  const code = opaqueToken(ctx.random, '', 18);
  storeToken(ctx.db, code, 'qr', user.id, now, PUSH_LIFETIME_MS, { factorId: factor.id, push: true });
  tx.data.factorId = factor.id;
  tx.data.pairingCode = code;
}

/** Whether the pairing code of the enrollment in progress can still be scanned. */
export function ovPairingLive(ctx: OrgContext, tx: IdxTx): boolean {
  return peekToken(ctx.db, tx.data.pairingCode ?? '', 'qr', ctx.clock.nowMs()).ok;
}

/**
 * The QR of the enrollment in progress. It opens the training device page with the pairing code (Okta's
 * reads `oktaverify://…?t=<token>`, for the real app; okta-idx.md §3).
 */
export async function ovEnrollContext(ctx: OrgContext, tx: IdxTx): Promise<Json> {
  const href = await QRCode.toDataURL(`${ctx.url()}/device?code=${tx.data.pairingCode ?? ''}`, { margin: 2, width: 240 });
  return { qrcode: { method: 'embedded', href, type: 'image/png' }, selectedChannel: 'qrcode' };
}

/** Okta's poll interval for an enrollment waiting for the phone. */
export const ENROLL_POLL_REFRESH_MS = 4000;
