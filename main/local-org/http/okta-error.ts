/**
 * Okta's error body and the codes the local org emits, with Okta's HTTP statuses and summaries.
 * Source: https://developer.okta.com/docs/reference/error-codes/ and the authn reference
 * (see shared design okta-authn.md §6). Kept here, not shared with main/auth, so that one misreading
 * of Okta cannot pass both the client and the server (ARCHITECTURE rule 0).
 */
import { randomBytes } from 'node:crypto';

export const OKTA_ERRORS = {
  E0000001: { status: 400, summary: 'Api validation failed: {0}' },
  E0000003: { status: 400, summary: 'The request body was not well-formed.' },
  E0000004: { status: 401, summary: 'Authentication failed' },
  E0000005: { status: 401, summary: 'Invalid session' },
  E0000006: { status: 403, summary: 'You do not have permission to perform the requested action' },
  E0000007: { status: 404, summary: 'Not found: Resource not found: {0}' },
  E0000011: { status: 401, summary: 'Invalid token provided' },
  E0000014: { status: 403, summary: 'Update of credentials failed' },
  E0000022: { status: 405, summary: 'The endpoint does not support the provided HTTP method' },
  E0000038: { status: 403, summary: "This operation is not allowed in the user's current status." },
  E0000047: { status: 429, summary: 'API call exceeded rate limit due to too many requests.' },
  E0000068: { status: 403, summary: 'Invalid Passcode/Answer' },
  E0000069: { status: 403, summary: 'User Locked' },
  E0000079: { status: 403, summary: 'This operation is not allowed in the current authentication state.' },
  E0000080: { status: 403, summary: 'The password does meet the complexity requirements of the current password policy.' },
  E0000082: { status: 403, summary: 'Each code can only be used once. Please wait for a new code and try again.' },
  E0000087: { status: 403, summary: 'The recovery question answer did not match our records.' },
  E0000095: { status: 403, summary: 'Recovery not allowed for unknown user.' },
  // Not an Okta code: Okta answers 413 from its edge with an HTML page; a JSON body keeps clients simple.
  E0000999: { status: 413, summary: 'Request entity too large' },
  // Not Okta codes either: Okta's published list has none for these (its edge answers them), so the
  // local org names them after their HTTP status, in Okta's body shape. 415: a body in a content type
  // its endpoint does not take; 421: a Host that is not the org's own (DNS rebinding).
  E0000415: { status: 415, summary: 'Unsupported Media Type' },
  E0000421: { status: 421, summary: 'Misdirected Request' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type OktaErrorCode = keyof typeof OKTA_ERRORS;

/** One entry of `errorCauses`. Okta sends `{errorSummary}`; extra fields are documented where we add them. */
export interface ErrorCause {
  readonly errorSummary: string;
  readonly [extra: string]: string;
}

/**
 * The wire error of an Okta endpoint. Route handlers throw it and the router alone turns it into
 * a response, so every failure path has Okta's exact shape.
 */
export class OktaFailure extends Error {
  readonly code: OktaErrorCode;
  readonly causes: readonly ErrorCause[];
  readonly headers: Readonly<Record<string, string>>;
  readonly summaryArg: string | undefined;

  constructor(code: OktaErrorCode, causes: readonly ErrorCause[] = [], headers: Record<string, string> = {}, summaryArg?: string) {
    super(code);
    this.code = code;
    this.causes = causes;
    this.headers = headers;
    this.summaryArg = summaryArg;
  }

  get status(): number {
    return OKTA_ERRORS[this.code].status;
  }

  body(): Record<string, unknown> {
    const template: string = OKTA_ERRORS[this.code].summary;
    return {
      errorCode: this.code,
      errorSummary: template.replace('{0}', this.summaryArg ?? ''),
      errorLink: this.code,
      errorId: `oae${randomBytes(16).toString('base64url').slice(0, 22)}`,
      errorCauses: this.causes,
    };
  }
}

export function oktaFailure(code: OktaErrorCode, causes: readonly ErrorCause[] = []): OktaFailure {
  return new OktaFailure(code, causes);
}
