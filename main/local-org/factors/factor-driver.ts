/**
 * One driver per factor kind (Okta factorType + provider): how it enrolls, what its activation
 * object looks like, and how it activates and verifies. Routes stay kind-agnostic; a new factor is
 * one driver registered in factor-registry.ts.
 */
import type { OrgContext } from '../org-context.ts';
import type { FactorProvider, FactorRow, FactorType } from '../store/factor-store.ts';
import type { Tx } from '../store/transaction-store.ts';
import type { UserRow } from '../store/user-store.ts';
import type { ID_PREFIX } from '../security/okta-ids.ts';

export interface FactorCall {
  readonly ctx: OrgContext;
  readonly tx: Tx;
  readonly user: UserRow;
  /** The request body as received (validated by the driver with its own schema). */
  readonly body: unknown;
}

/**
 * `passed`: the factor is proven (activation done / verification succeeded).
 * `pending`: the transaction waits (push WAITING, WebAuthn challenge issued); `factorResult` is echoed.
 */
export type FactorOutcome =
  | { readonly kind: 'passed' }
  | { readonly kind: 'pending'; readonly factorResult: string };

export interface FactorDriver {
  readonly factorType: FactorType;
  readonly provider: FactorProvider;
  readonly vendorName: string;
  readonly idKind: keyof typeof ID_PREFIX;
  /** Counts toward the org's "MFA required" rule (a possession factor); the question factor does not. */
  readonly satisfiesMfa: boolean;
  /** Creates the factor row. Returns it with status PENDING_ACTIVATION, or ACTIVE when enrollment proves it. */
  enroll(call: FactorCall): Promise<FactorRow>;
  /** `_embedded.activation` in MFA_ENROLL_ACTIVATE. */
  activation?(call: Omit<FactorCall, 'body'>, factor: FactorRow): Record<string, unknown>;
  /** Name of the `next` link in MFA_ENROLL_ACTIVATE: `activate` (passcode) or `poll` (push). */
  readonly activateLinkName?: 'activate' | 'poll';
  activate?(call: FactorCall, factor: FactorRow): Promise<FactorOutcome>;
  /** `/lifecycle/activate/poll` (push): has the device confirmed? */
  poll?(call: FactorCall, factor: FactorRow): Promise<FactorOutcome>;
  /** `/verify/resend` (push): a new challenge. */
  resend?(call: FactorCall, factor: FactorRow): Promise<FactorOutcome>;
  /** Several enrollments of this kind may coexist (WebAuthn authenticators). */
  readonly multiple?: boolean;
  verify(call: FactorCall, factor: FactorRow): Promise<FactorOutcome>;
  /** Public profile of an enrolled factor (MFA_REQUIRED list, Factors API). */
  profile(user: UserRow, factor: FactorRow): Record<string, unknown>;
  /** Extra `_links` of the MFA_ENROLL catalogue entry (e.g. `questions`). */
  enrollLinks?(ctx: OrgContext, user: UserRow): Record<string, unknown>;
  /** `_embedded` of the factor in MFA_CHALLENGE (push number challenge, WebAuthn challenge). */
  challengeEmbed?(call: Omit<FactorCall, 'body'>, factor: FactorRow): Record<string, unknown> | undefined;
}
