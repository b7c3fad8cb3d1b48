/**
 * OAuth 2.0 wire conventions for the authorization server's routes: errors are `{error,
 * error_description}` (RFC 6749 §5.2) rather than Okta's API error body, token and revoke requests are
 * form-encoded with no repeated parameter (RFC 6749 §3.1), and nothing is cached (§5.1).
 */
import type { IncomingMessage } from 'node:http';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { json, readBody, type Reply } from '../http/request-io.ts';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_token'
  | 'invalid_target'
  | 'login_required'
  | 'server_error';

export class OAuthFailure extends Error {
  readonly error: OAuthErrorCode;
  readonly status: number;

  constructor(error: OAuthErrorCode, description: string, status = error === 'invalid_client' ? 401 : 400) {
    super(description);
    this.error = error;
    this.status = status;
  }
}

export const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Far above any token request (an interclient exchange carries two JWTs). */
const MAX_FORM_BYTES = 32 * 1024;

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Form body as single-valued parameters; a repeated or non-form body is an invalid request. */
export async function readOAuthForm(req: IncomingMessage): Promise<Map<string, string>> {
  if (mediaType(req) !== FORM_TYPE) throw new OAuthFailure('invalid_request', `The request must be sent as ${FORM_TYPE}.`, 415);
  const params = new URLSearchParams(await readBody(req, MAX_FORM_BYTES));
  const out = new Map<string, string>();
  for (const [key, value] of params) {
    if (out.has(key)) throw new OAuthFailure('invalid_request', `The '${key.slice(0, 40)}' parameter was sent more than once.`);
    out.set(key, value);
  }
  return out;
}

export function requiredParam(params: ReadonlyMap<string, string>, name: string, max = 2048): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw new OAuthFailure('invalid_request', `The '${name}' parameter is required.`);
  if (value.length > max) throw new OAuthFailure('invalid_request', `The '${name}' parameter is too long.`);
  return value;
}

export function optionalParam(params: ReadonlyMap<string, string>, name: string, max = 2048): string | undefined {
  const value = params.get(name);
  if (value === undefined || value === '') return undefined;
  if (value.length > max) throw new OAuthFailure('invalid_request', `The '${name}' parameter is too long.`);
  return value;
}

export function oauthError(failure: OAuthFailure): Reply {
  return json({ error: failure.error, error_description: failure.message }, failure.status, { Pragma: 'no-cache' });
}

/** Turns failures into OAuth bodies; body-size and parse errors of the shared readers too. */
export function oauthRoute(route: Route): Route {
  return {
    ...route,
    handler: async (rc) => {
      try {
        return await route.handler(rc);
      } catch (error: unknown) {
        if (error instanceof OAuthFailure) return oauthError(error);
        if (error instanceof OktaFailure && (error.code === 'E0000999' || error.code === 'E0000003')) {
          return oauthError(new OAuthFailure('invalid_request', error.code === 'E0000999' ? 'The request is too large.' : 'The request is malformed.', error.status));
        }
        if (error instanceof OktaFailure && error.code === 'E0000047') {
          return { status: 429, body: { error: 'too_many_requests', error_description: 'Too many requests.' }, headers: error.headers };
        }
        throw error;
      }
    },
  };
}
