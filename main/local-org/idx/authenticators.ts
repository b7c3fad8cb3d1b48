/**
 * The org's Identity Engine authenticators and how each maps onto the factor rows both engines share
 * (okta-idx.md §6 "Factor mapping", ours): `google_otp` ↔ token:software:totp/GOOGLE, `okta_verify` ↔
 * push/OKTA and token:software:totp/OKTA, `webauthn` ↔ webauthn/FIDO, `yubikey_token` ↔ token:hardware/YUBICO,
 * `security_question` ↔ question/OKTA, `okta_password` ↔ the user's password. Authenticator ids (`aut…`) are made once per org and kept.
 */
import type { OrgContext } from '../org-context.ts';
import { inTransaction } from '../store/database.ts';
import { getMeta, setMeta } from '../store/meta-store.ts';
import type { FactorRow } from '../store/factor-store.ts';
import type { UserRow } from '../store/user-store.ts';
import { alphanumericToken } from '../security/secret-token.ts';

export type AuthenticatorKey = 'okta_password' | 'google_otp' | 'okta_verify' | 'webauthn' | 'yubikey_token' | 'security_question' | 'okta_email';

export interface AuthenticatorSpec {
  readonly key: AuthenticatorKey;
  /** IDX `type` (Okta's: password, app, security_key, security_question). */
  readonly type: 'password' | 'app' | 'security_key' | 'security_question' | 'email';
  readonly displayName: string;
  readonly methods: readonly string[];
  /** Counts toward the org's MFA rule (a possession factor), as on the Classic side (authn/mfa-policy.ts). */
  readonly possession: boolean;
  /** Enrollable through IDX in this org today. */
  readonly enrollable: boolean;
}

export const AUTHENTICATORS: readonly AuthenticatorSpec[] = [
  { key: 'okta_password', type: 'password', displayName: 'Password', methods: ['password'], possession: false, enrollable: false },
  { key: 'google_otp', type: 'app', displayName: 'Google Authenticator', methods: ['otp'], possession: true, enrollable: true },
  // Okta Verify: paired through the training device page (QR + enroll-poll); push with the number challenge, or TOTP.
  { key: 'okta_verify', type: 'app', displayName: 'Okta Verify', methods: ['push', 'totp'], possession: true, enrollable: true },
  { key: 'webauthn', type: 'security_key', displayName: 'Security Key or Biometric', methods: ['webauthn'], possession: true, enrollable: true },
  // YubiKey OTP from a key whose seed support uploaded (idx/yubikey-idx.ts); Okta's shape: the Sign-In Widget's
  // recorded authenticator-enroll-yubikey.json and authenticator-verification-yubikey.json.
  { key: 'yubikey_token', type: 'security_key', displayName: 'YubiKey Authenticator', methods: ['otp'], possession: true, enrollable: true },
  { key: 'security_question', type: 'security_question', displayName: 'Security Question', methods: ['security_question'], possession: false, enrollable: true },
  // The user's primary e-mail, enrolled with the account (idx/email-authenticator.ts); it serves recovery and unlock.
  { key: 'okta_email', type: 'email', displayName: 'Email', methods: ['email'], possession: false, enrollable: false },
];

export function spec(key: AuthenticatorKey): AuthenticatorSpec {
  const found = AUTHENTICATORS.find((a) => a.key === key);
  if (!found) throw new Error(`unknown authenticator ${key}`);
  return found;
}

/** The authenticator a factor row belongs to, or undefined for a factor IDX does not show. */
export function authenticatorOf(factor: Pick<FactorRow, 'factor_type' | 'provider'>): AuthenticatorKey | undefined {
  if (factor.factor_type === 'token:software:totp' && factor.provider === 'GOOGLE') return 'google_otp';
  if (factor.factor_type === 'question') return 'security_question';
  if (factor.factor_type === 'push' && factor.provider === 'OKTA') return 'okta_verify';
  if (factor.factor_type === 'token:software:totp' && factor.provider === 'OKTA') return 'okta_verify';
  if (factor.factor_type === 'webauthn') return 'webauthn';
  if (factor.factor_type === 'token:hardware' && factor.provider === 'YUBICO') return 'yubikey_token';
  return undefined;
}

const IDS_META = 'idx.authenticator-ids';

export function authenticatorIds(ctx: OrgContext): Readonly<Record<AuthenticatorKey, string>> {
  const read = () => {
    const stored = getMeta(ctx.db, IDS_META);
    return stored ? (JSON.parse(stored) as Partial<Record<AuthenticatorKey, string>>) : {};
  };
  let ids = read();
  if (AUTHENTICATORS.some((a) => !ids[a.key])) {
    ids = inTransaction(ctx.db, () => {
      const current = read();
      for (const a of AUTHENTICATORS) current[a.key] ??= `aut${alphanumericToken(ctx.random, 17)}`;
      setMeta(ctx.db, IDS_META, JSON.stringify(current));
      return current;
    });
  }
  return ids as Record<AuthenticatorKey, string>;
}

export function keyOfAuthenticatorId(ctx: OrgContext, id: string): AuthenticatorKey | undefined {
  const ids = authenticatorIds(ctx);
  return AUTHENTICATORS.find((a) => ids[a.key] === id)?.key;
}

/** The password "enrollment" id: stable per user (Okta shows the password as an enrollment too). */
export function passwordEnrollmentId(user: Pick<UserRow, 'id'>): string {
  return `lae${user.id.slice(3)}`;
}
