/**
 * The org's password policy, published in PASSWORD_RESET as `_embedded.policy` (authn reference,
 * "Password policy object") and enforced on reset: at least 8 characters, a lower-case letter, an
 * upper-case letter, a digit, and no part of the username — the rule the activation article states.
 * Violations answer 403 E0000080 (okta-authn.md §3.2).
 */
import { OktaFailure } from '../http/okta-error.ts';

export const PASSWORD_COMPLEXITY = {
  minLength: 8,
  minLowerCase: 1,
  minUpperCase: 1,
  minNumber: 1,
  minSymbol: 0,
  excludeUsername: true,
} as const;

export function passwordPolicyEmbed(): Record<string, unknown> {
  return {
    expiration: { passwordExpireDays: 0 },
    complexity: { ...PASSWORD_COMPLEXITY },
    age: { minAgeMinutes: 0, historyCount: 0 },
  };
}

/** Parts of the login a password may not contain: the local part and its pieces split on . _ - + (≥3 chars). */
function usernameParts(login: string): string[] {
  const local = login.toLowerCase().split('@')[0] ?? '';
  return [local, ...local.split(/[._+-]/)].filter((part) => part.length >= 3);
}

/** Returns the list of unmet rules (empty when the password is acceptable). */
export function passwordProblems(password: string, login: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_COMPLEXITY.minLength) problems.push('at least 8 characters');
  if (!/\p{Ll}/u.test(password)) problems.push('a lowercase letter');
  if (!/\p{Lu}/u.test(password)) problems.push('an uppercase letter');
  if (!/\d/.test(password)) problems.push('a number');
  const lower = password.toLowerCase();
  if (usernameParts(login).some((part) => lower.includes(part))) problems.push('no parts of your username');
  return problems;
}

export function assertPasswordAcceptable(password: string, login: string): void {
  if (passwordProblems(password, login).length === 0) return;
  throw new OktaFailure('E0000080', [
    { errorSummary: 'Passwords must have at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username' },
  ]);
}
