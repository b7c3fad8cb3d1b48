/**
 * ONE table from Okta's errorCode to ours (convention 5). Okta's code is kept on the error for support.
 * Codes and HTTP statuses: https://developer.okta.com/docs/reference/error-codes/ and the authn reference.
 */
import type { AppError, AppErrorCode } from '../core/errors.ts';
import type { OktaErrorBody } from './okta-schemas.ts';

const OKTA_TO_APP: Readonly<Record<string, AppErrorCode>> = {
  E0000004: 'E_AUTH_BAD_CREDENTIALS', // wrong username/password, hidden lockout, invalid activation token
  E0000011: 'E_AUTH_TRANSACTION_EXPIRED', // stateToken expired or unknown
  E0000014: 'E_AUTH_PASSWORD_POLICY', // "Update of credentials failed" (also complexity, per the doc)
  E0000080: 'E_AUTH_PASSWORD_POLICY', // PasswordPolicyViolationException
  E0000047: 'E_NET_RATE_LIMITED',
  E0000068: 'E_AUTH_INVALID_PASSCODE', // wrong TOTP / OTP / answer / WebAuthn data
  E0000069: 'E_AUTH_LOCKED_OUT', // too many bad factor attempts
  E0000079: 'E_AUTH_NOT_ALLOWED', // operation not allowed in the current state
  E0000082: 'E_AUTH_PASSCODE_REPLAYED', // each code can be used once (RFC 6238 §5.2)
  E0000083: 'E_AUTH_INVALID_PASSCODE', // valid code outside the time window
  E0000085: 'E_AUTH_USER_NOT_ASSIGNED', // sign-on denied by policy
  E0000087: 'E_AUTH_WRONG_ANSWER', // recovery question answer
};

export function mapOktaError(status: number, body: OktaErrorBody | undefined, retryAfterSeconds?: number): AppError {
  const mapped = body ? OKTA_TO_APP[body.errorCode] : undefined;
  const code: AppErrorCode = mapped ?? (status === 429 ? 'E_NET_RATE_LIMITED' : status === 407 ? 'E_NET_PROXY_AUTH' : status >= 500 ? 'E_NET_SERVER_ERROR' : 'E_NET_BAD_RESPONSE');
  return {
    code,
    ...(body ? { oktaCode: body.errorCode } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    cause: { status, errorId: body?.errorId, summary: body?.errorSummary, causes: (body?.errorCauses ?? []).map((c) => String(c.reason ?? c.errorSummary ?? '')) },
  };
}
