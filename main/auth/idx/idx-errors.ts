/**
 * ONE table from Okta's IDX message keys (i18n keys, okta-idx.md §4) to our codes (convention 5). IDX
 * failures are full IDX bodies with a 4xx whose exact status Okta does not document, so the key decides
 * and the status is only the fallback. The key is kept on the error (as `oktaCode`) for support.
 */
import type { AppError, AppErrorCode } from '../../core/errors.ts';
import type { IdxMessage } from './idx-reply.ts';

const KEY_TO_APP: Readonly<Record<string, AppErrorCode>> = {
  'errors.E0000004': 'E_AUTH_BAD_CREDENTIALS', // unknown user or wrong password (M/identify-unknown-user.json)
  incorrectPassword: 'E_AUTH_BAD_CREDENTIALS',
  'errors.E0000069': 'E_AUTH_LOCKED_OUT',
  'oie.selfservice.user.unlock.not.allowed': 'E_AUTH_LOCKED_OUT',
  'api.authn.error.PASSCODE_INVALID': 'E_AUTH_INVALID_PASSCODE',
  'authfactor.challenge.soft_token.invalid_passcode': 'E_AUTH_INVALID_PASSCODE',
  'authfactor.challenge.soft_token.used_passcode': 'E_AUTH_PASSCODE_REPLAYED', // RFC 6238 §5.2
  'authfactor.challenge.suspended_factor': 'E_AUTH_TOO_MANY_ATTEMPTS',
  'api.authn.poll.error.push_rejected': 'E_AUTH_PUSH_REJECTED',
  'core.system.transaction_resource_not_found': 'E_AUTH_PUSH_TIMEOUT', // push timed out
  'errors.E0000010': 'E_AUTH_PUSH_TIMEOUT',
  'idx.session.expired': 'E_AUTH_TRANSACTION_EXPIRED', // M/error-401-session-expired.json
  'security.access_denied': 'E_AUTH_NOT_ALLOWED',
  'idx.error.user.not.assigned.to.app': 'E_AUTH_USER_NOT_ASSIGNED',
  tooManyRequests: 'E_NET_RATE_LIMITED', // M/error-429-too-many-request.json
  'password.passwordRequirementsNotMet': 'E_AUTH_PASSWORD_POLICY',
  'securityQuestion.answer.tooShort.arg': 'E_AUTH_WRONG_ANSWER',
  'authfactor.webauthn.error.assertion_validation_failure': 'E_AUTH_WEBAUTHN_FAILED',
  E0000020: 'E_AUTH_NOT_ALLOWED', // "Bad request": a step the transaction is not in
};

/** Our code for an IDX key, or undefined for a key this table does not know. */
export function appCodeOfIdxKey(key: string | undefined): AppErrorCode | undefined {
  return key !== undefined && Object.hasOwn(KEY_TO_APP, key) ? KEY_TO_APP[key] : undefined;
}

/** The error of a failed IDX reply: the first ERROR message with a known key, else the HTTP status. */
export function idxError(status: number, messages: readonly IdxMessage[]): AppError {
  const errors = messages.filter((m) => m.level === 'ERROR');
  const known = errors.find((m) => appCodeOfIdxKey(m.key) !== undefined);
  const first = known ?? errors[0];
  const code: AppErrorCode =
    appCodeOfIdxKey(known?.key) ?? (status === 429 ? 'E_NET_RATE_LIMITED' : status === 401 ? 'E_AUTH_TRANSACTION_EXPIRED' : status >= 500 ? 'E_NET_SERVER_ERROR' : 'E_NET_BAD_RESPONSE');
  return { code, ...(first?.key ? { oktaCode: first.key.slice(0, 200) } : {}), cause: { status, keys: errors.map((m) => m.key ?? '').slice(0, 10) } };
}
