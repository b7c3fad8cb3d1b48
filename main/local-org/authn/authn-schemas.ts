/**
 * Request bodies of the Authentication API, validated on `unknown` (convention 4). Objects are loose:
 * Okta ignores fields it does not use, and okta-auth-js sends some (`options`, `context`, `relayState`).
 * Field names: authn reference "Request parameters" tables (okta-authn.md §2).
 */
import { z } from 'zod';

const Secretish = z.string().max(1024);

const AuthnOptions = z.looseObject({ multiOptionalFactorEnroll: z.boolean().optional(), warnBeforePasswordExpired: z.boolean().optional() });

export const PrimaryAuthBody = z.looseObject({
  username: z.string().min(1).max(320),
  password: Secretish,
  options: AuthnOptions.optional(),
});

/** okta-auth-js sends the same `options` with an activation token as with a password. */
export const TokenBody = z.looseObject({ token: z.string().min(1).max(256), options: AuthnOptions.optional() });

export const StateTokenBody = z.looseObject({ stateToken: z.string().min(1).max(256) });

/**
 * reset_password. `recoveryQuestion` and `securityImage` are local-org additions: Okta's hosted welcome
 * page ("Create My Account") takes password, security question and security image in one form, and
 * this is that form's API for a desktop client. Okta clients that omit them are unaffected.
 */
export const ResetPasswordBody = z.looseObject({
  stateToken: z.string().min(1).max(256),
  newPassword: Secretish,
  revokeSessions: z.boolean().optional(),
  recoveryQuestion: z.strictObject({ question: z.string().max(100), answer: z.string().max(256) }).optional(),
  securityImage: z.string().max(64).optional(),
});

export const EnrollBody = z.looseObject({
  stateToken: z.string().min(1).max(256),
  factorType: z.string().max(64),
  provider: z.string().max(64),
});

export const RecoveryRequestBody = z.looseObject({
  username: z.string().min(1).max(320),
  factorType: z.enum(['EMAIL', 'email']).optional(),
  relayState: z.string().max(2048).optional(),
});

export const RecoveryTokenBody = z.looseObject({ recoveryToken: z.string().min(1).max(256) });

export const RecoveryAnswerBody = z.looseObject({ stateToken: z.string().min(1).max(256), answer: z.string().max(256) });

/** Which of the three `/api/v1/authn` forms a body is (Okta picks by the fields present). */
export function authnForm(raw: unknown): 'primary' | 'token' | 'state' | 'invalid' {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'invalid';
  if ('stateToken' in raw) return 'state';
  if ('token' in raw) return 'token';
  if ('username' in raw || 'password' in raw) return 'primary';
  return 'invalid';
}
