/**
 * Identity Engine's hand-off, Native-to-Web SSO (Okta guide "Configure Native to Web SSO"; okta-idx.md §5):
 * the native client's access token (actor, with `interclient_access`) and ID token (subject) are exchanged
 * at `{issuer}/v1/token` for a single-use, 300-second interclient token bound to the diagnostics web app
 * (`audience=urn:okta:apps:{client id}`), then `{issuer}/v1/authorize?…&interclient_token=…` opens that app
 * signed in. The exchange does not follow redirects: a token endpoint that answers with one (a proxy, a
 * captive portal, a moved org) gets nothing more. The interclient token is only ever in the returned URL.
 */
import { z } from 'zod';
import type { FetchLike } from '../auth/authn-http.ts';
import type { OidcTokensGrant } from '../auth/hand-off-grant.ts';
import type { AppError } from '../core/errors.ts';
import { fail, ok, type Result } from '../core/result.ts';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const INTERCLIENT_TOKEN_TYPE = 'urn:okta:params:oauth:token-type:interclient_token';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const MAX_BODY_CHARS = 100_000;

/** The web app the hand-off opens: its OIDC client id and the redirect URI registered for it. */
export interface WebAppTarget {
  readonly clientId: string;
  readonly redirectUri: string;
}

export interface ExchangeDeps {
  readonly fetch: FetchLike;
  readonly timeoutMs?: number;
}

const ExchangeReply = z.looseObject({
  access_token: z.string().min(1).max(4096),
  issued_token_type: z.literal(INTERCLIENT_TOKEN_TYPE),
  expires_in: z.number().int().positive().max(3600).optional(),
});
const OAuthError = z.looseObject({ error: z.string().max(100), error_description: z.string().max(1000).optional() });

/** An OAuth error of the exchange in our codes; `invalid_target` is the web app not trusting this client. */
export function exchangeError(status: number, body: unknown): AppError {
  const parsed = OAuthError.safeParse(body);
  if (!parsed.success) return { code: status === 429 ? 'E_NET_RATE_LIMITED' : status >= 500 ? 'E_NET_SERVER_ERROR' : 'E_NET_BAD_RESPONSE', cause: { status } };
  const cause = { status, error: parsed.data.error, description: (parsed.data.error_description ?? '').slice(0, 200) };
  if (parsed.data.error === 'invalid_target') return { code: 'E_LAUNCH_TARGET_REFUSED', oktaCode: parsed.data.error, cause };
  if (status === 429) return { code: 'E_NET_RATE_LIMITED', oktaCode: parsed.data.error, cause };
  if (status >= 500) return { code: 'E_NET_SERVER_ERROR', oktaCode: parsed.data.error, cause };
  return { code: 'E_LAUNCH_EXCHANGE_REFUSED', oktaCode: parsed.data.error, cause };
}

function hostOf(location: string | null, base: string): string {
  try {
    return location ? new URL(location, base).host : '';
  } catch {
    return '';
  }
}

/** Trades the grant's tokens for an interclient token for `target`. */
export async function exchangeForInterclientToken(deps: ExchangeDeps, grant: OidcTokensGrant, target: WebAppTarget): Promise<Result<string>> {
  const url = `${grant.issuer}/v1/token`;
  const body = new URLSearchParams({
    grant_type: TOKEN_EXCHANGE_GRANT,
    client_id: grant.clientId,
    actor_token: grant.accessToken,
    actor_token_type: ACCESS_TOKEN_TYPE,
    subject_token: grant.idToken,
    subject_token_type: ID_TOKEN_TYPE,
    requested_token_type: INTERCLIENT_TOKEN_TYPE,
    audience: `urn:okta:apps:${target.clientId}`,
  }).toString();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 15_000);
  let status: number;
  let text: string;
  try {
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: controller.signal,
      redirect: 'manual',
    });
    status = response.status;
    // A redirect is never followed: the tokens went to the issuer only, and nothing comes back from elsewhere.
    if ((status >= 300 && status < 400) || response.type === 'opaqueredirect') {
      return fail('E_LAUNCH_REDIRECTED', { cause: { status, host: hostOf(response.headers.get('location'), url) } });
    }
    text = await response.text();
  } catch (error: unknown) {
    return fail(controller.signal.aborted ? 'E_NET_TIMEOUT' : 'E_NET_UNREACHABLE', { cause: error instanceof Error ? error.name : 'unknown' });
  } finally {
    clearTimeout(timer);
  }
  if (text.length > MAX_BODY_CHARS) return fail('E_NET_BAD_RESPONSE', { cause: 'response too large' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    parsed = undefined;
  }
  if (status < 200 || status >= 300) return { ok: false, error: exchangeError(status, parsed) };
  const reply = ExchangeReply.safeParse(parsed);
  if (!reply.success) return fail('E_NET_BAD_RESPONSE', { cause: reply.error.issues.map((issue) => issue.path.join('.')) });
  return ok(reply.data.access_token);
}

/** The authorize request that consumes the interclient token (no `interclient_access` scope here, per the guide). */
export function interclientAuthorizeUrl(issuer: string, target: WebAppTarget, interclientToken: string, state: string): string {
  const url = new URL(`${issuer}/v1/authorize`);
  url.searchParams.set('client_id', target.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('redirect_uri', target.redirectUri);
  url.searchParams.set('state', state);
  url.searchParams.set('interclient_token', interclientToken);
  return url.toString();
}
