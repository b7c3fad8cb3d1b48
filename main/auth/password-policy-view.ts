/**
 * The password rules the checklist ticks live (E-04), from either engine: Classic states them in
 * `_embedded.policy.complexity` (Okta Authn API, PASSWORD_RESET), Identity Engine in the password
 * authenticator's `settings.complexity` (okta-idx.md, M/authenticator-enroll-password.json). Each reader
 * brings its own spelling to `PasswordComplexity`; this one builder makes the view, so the two engines
 * cannot drift apart on defaults or bounds.
 */
import type { PasswordPolicyView } from '../../preload/contract.ts';

/** A password policy as an org stated it, in one spelling: a rule the org left out is undefined. */
export interface PasswordComplexity {
  readonly minLength?: number | undefined;
  readonly minLowerCase?: number | undefined;
  readonly minUpperCase?: number | undefined;
  readonly minNumber?: number | undefined;
  readonly minSymbol?: number | undefined;
  readonly excludeUsername?: boolean | undefined;
  readonly excludeAttributes?: readonly string[] | undefined;
}

/** The contract's cap on excluded profile attributes (`PasswordPolicyView.excludeAttributes`). */
const MAX_EXCLUDED_ATTRIBUTES = 10;

/** A rule the org left out does not bind: 0 for a count, no exclusion. */
export function passwordPolicyView(c: PasswordComplexity): PasswordPolicyView {
  return {
    minLength: c.minLength ?? 0,
    minLowerCase: c.minLowerCase ?? 0,
    minUpperCase: c.minUpperCase ?? 0,
    minNumber: c.minNumber ?? 0,
    minSymbol: c.minSymbol ?? 0,
    excludeUsername: c.excludeUsername === true,
    excludeAttributes: (c.excludeAttributes ?? []).slice(0, MAX_EXCLUDED_ATTRIBUTES),
  };
}
