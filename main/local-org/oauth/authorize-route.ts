/**
 * `GET /oauth2/default/v1/authorize` for the web hand-off: the authorization-code flow of a registered
 * app, where Native-to-Web SSO's `interclient_token` stands in for the user's sign-in (single use,
 * bound to this target app). The client and the exact redirect URI are checked before anything is
 * sent to that URI; later errors go back to it as `error` parameters (RFC 6749 §4.1.2.1). Success
 * opens an Okta session (`idx` cookie) and returns a 60-second code. Without an interclient token an
 * existing Okta session signs the user in; otherwise `login_required` (this org has no hosted page).
 * `/diagnostics/callback` is the diagnostics web app's redirect URI: it redeems the code and lands on
 * `/diagnostics`, signed in.
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import type { Reply } from '../http/request-io.ts';
import { setCookie } from '../http/cookies.ts';
import { inTransaction } from '../store/database.ts';
import { redeemToken, storeToken, tokenData } from '../store/token-store.ts';
import { insertSession } from '../store/session-store.ts';
import { newId } from '../security/okta-ids.ts';
import { opaqueToken, tokenHash } from '../security/secret-token.ts';
import { currentSession, IDX_SESSION_COOKIE } from '../login/session-routes.ts';
import { escapeHtml, htmlReply, page } from '../login/html.ts';
import { appSettings, findApp } from './app-store.ts';
import { OAUTH_BASE_PATH } from './paths.ts';
import { OAuthFailure, oauthRoute, optionalParam, requiredParam } from './oauth-http.ts';
import { isChallenge } from './pkce.ts';
import { SUPPORTED_SCOPES } from './token-issuer.ts';
import { CODE_LIFETIME_MS, redeemCode, type CodeGrant } from './token-route.ts';
import type { InterclientGrant } from './token-exchange.ts';
import { DIAGNOSTICS_CALLBACK_PATH } from './builtin-apps.ts';
import { getMeta } from '../store/meta-store.ts';

function redirectWith(redirectUri: string, values: Record<string, string | undefined>, headers: Record<string, string> = {}): Reply {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(values)) if (value !== undefined) target.searchParams.set(key, value);
  return { status: 302, headers: { Location: target.href, ...headers } };
}

function authorize(ctx: OrgContext): Route {
  return oauthRoute({
    method: 'GET',
    path: `${OAUTH_BASE_PATH}/v1/authorize`,
    handler: (rc): Reply => {
      const params = new Map<string, string>();
      for (const [key, value] of rc.url.searchParams) {
        if (params.has(key)) throw new OAuthFailure('invalid_request', `The '${key.slice(0, 40)}' parameter was sent more than once.`);
        params.set(key, value);
      }
      // Never redirect before the client and its exact redirect URI are known good (no open redirect).
      const app = findApp(ctx.db, requiredParam(params, 'client_id', 100));
      if (!app || app.status !== 'ACTIVE') throw new OAuthFailure('invalid_client', "Invalid value for 'client_id' parameter.");
      const settings = appSettings(app);
      const redirectUri = requiredParam(params, 'redirect_uri', 1024);
      if (!settings.redirect_uris.includes(redirectUri)) throw new OAuthFailure('invalid_request', "'redirect_uri' must be a Login redirect URI in the client app settings.");
      const state = optionalParam(params, 'state', 1024);
      const fail = (error: string, description: string) => redirectWith(redirectUri, { error, error_description: description, state });
      if (!state) return fail('invalid_request', "The 'state' parameter is required.");
      if (params.get('response_type') !== 'code') return fail('unsupported_response_type', "The response type is not supported by the authorization server. Configured response types: [code].");
      if (!settings.grant_types.includes('authorization_code')) return fail('unauthorized_client', 'The client is not authorized to use the provided grant type.');
      const scopes = [...new Set((params.get('scope') ?? '').split(' ').filter(Boolean))];
      if (!scopes.includes('openid') || scopes.some((s) => !(SUPPORTED_SCOPES as readonly string[]).includes(s) || s === 'interclient_access')) {
        return fail('invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
      }
      const codeChallenge = params.get('code_challenge');
      if (codeChallenge !== undefined && (params.get('code_challenge_method') !== 'S256' || !isChallenge(codeChallenge))) {
        return fail('invalid_request', "'code_challenge' must be an S256 challenge.");
      }
      if (app.token_endpoint_auth_method === 'none' && codeChallenge === undefined) return fail('invalid_request', 'PKCE code challenge is required when the token endpoint authentication method is \'NONE\'.');
      const now = ctx.clock.nowMs();
      const interclient = params.get('interclient_token');
      return inTransaction(ctx.db, () => {
        let userId: string;
        let amr: readonly string[];
        let authTimeMs: number;
        let cookie: string | undefined;
        if (interclient !== undefined) {
          const redemption = redeemToken(ctx.db, interclient, 'interclient', now);
          const grant = redemption.ok ? (tokenData(redemption.token) as unknown as InterclientGrant) : undefined;
          if (!redemption.ok || !grant || !redemption.token.user_id || grant.targetClientId !== app.id) {
            return fail('access_denied', 'The interclient token is invalid, expired, already used or not for this app.');
          }
          userId = redemption.token.user_id;
          amr = grant.amr;
          authTimeMs = grant.authTimeMs;
          cookie = opaqueToken(ctx.random, '', 30);
          insertSession(ctx.db, {
            id: newId(ctx.random, 'session'), cookie_hash: tokenHash(cookie), user_id: userId, amr: JSON.stringify(amr), created_ms: now,
            expires_ms: now + ctx.policy.sessionLifetimeMs, last_password_ms: amr.includes('pwd') ? authTimeMs : null, last_factor_ms: amr.includes('mfa') ? authTimeMs : null,
          });
        } else {
          const session = currentSession(ctx, rc);
          if (!session) return fail('login_required', 'The user is not signed in.');
          userId = session.user_id;
          amr = JSON.parse(session.amr) as string[];
          authTimeMs = session.last_password_ms ?? session.created_ms;
        }
        const code = opaqueToken(ctx.random, '', 32);
        const grant: CodeGrant = {
          clientId: app.id, redirectUri, scopes, amr, authTimeMs,
          ...(codeChallenge !== undefined ? { codeChallenge } : {}),
          ...(params.get('nonce') ? { nonce: params.get('nonce') as string } : {}),
        };
        storeToken(ctx.db, code, 'authorization-code', userId, now, CODE_LIFETIME_MS, grant);
        const headers: Record<string, string> = cookie
          ? { 'Set-Cookie': setCookie(IDX_SESSION_COOKIE, cookie, { sameSite: 'Lax', maxAgeSeconds: Math.floor(ctx.policy.sessionLifetimeMs / 1000) }) }
          : {};
        return redirectWith(redirectUri, { code, state }, headers);
      });
    },
  });
}

function diagnosticsCallback(ctx: OrgContext): Route {
  return {
    method: 'GET',
    path: DIAGNOSTICS_CALLBACK_PATH,
    handler: ({ url }): Reply => {
      const app = findApp(ctx.db, getMeta(ctx.db, 'oauth.diagnostics-client') ?? '');
      const code = url.searchParams.get('code') ?? '';
      const failed = (why: string) => htmlReply(page('wiTECH 2.0 — sign-in failed', `<h1>wiTECH 2.0</h1><p id="signed-in" data-signed-in="false">${escapeHtml(why)}</p>`), 400);
      if (!app || code === '' || code.length > 256) return failed(url.searchParams.get('error_description') ?? 'Sign-in failed.');
      try {
        // The diagnostics web app is this org itself: it redeems its code directly, as its back end would at /v1/token.
        redeemCode(ctx, 'authorization-code', code, app, { redirectUri: `${ctx.url()}${DIAGNOSTICS_CALLBACK_PATH}` });
      } catch (error: unknown) {
        if (error instanceof OAuthFailure) return failed(error.message);
        throw error;
      }
      return { status: 302, headers: { Location: `${ctx.url()}/diagnostics` } };
    },
  };
}

export function authorizeRoutes(ctx: OrgContext): Route[] {
  return [authorize(ctx), diagnosticsCallback(ctx)];
}
