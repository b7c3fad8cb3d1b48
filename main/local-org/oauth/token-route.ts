/**
 * `POST /oauth2/default/v1/token`: the interaction-code grant that ends an IDX sign-in, and the
 * refresh-token grant (rotating: each refresh token is single-use). Codes are single-use and bound to
 * the client, the redirect URI and the PKCE challenge given at `/v1/interact`; a failed check burns the
 * code, so a stolen code cannot be retried with guessed verifiers. Okta answers failed grants with
 * 400 `invalid_grant` (RFC 6749 §5.2); no `state` is ever echoed here (okta-auth-js refuses one).
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { json } from '../http/request-io.ts';
import { inTransaction } from '../store/database.ts';
import { peekToken, redeemToken, tokenData } from '../store/token-store.ts';
import { appSettings, type AppRow } from './app-store.ts';
import { authenticateClient } from './client-auth.ts';
import { verifierMatches } from './pkce.ts';
import { issueTokens, type TokenResponse } from './token-issuer.ts';
import { OAuthFailure, oauthRoute, optionalParam, readOAuthForm, requiredParam } from './oauth-http.ts';
import { OAUTH_BASE_PATH } from './paths.ts';
import { extraGrants } from './extra-grants.ts';

/** What an interaction or authorization code stands for (stored with the code, which itself is hashed). */
export interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge?: string;
  readonly scopes: readonly string[];
  readonly nonce?: string;
  readonly amr: readonly string[];
  readonly authTimeMs: number;
}

/** Okta: interaction and authorization codes live 60 seconds (unconfirmed for interaction codes). */
export const CODE_LIFETIME_MS = 60 * 1000;

function requireGrant(app: AppRow, grant: string): void {
  if (!(appSettings(app).grant_types as readonly string[]).includes(grant)) {
    throw new OAuthFailure('unauthorized_client', 'The client is not authorized to use the provided grant type.');
  }
}

export function redeemCode(
  ctx: OrgContext,
  kind: 'interaction-code' | 'authorization-code',
  code: string,
  app: AppRow,
  checks: { readonly verifier?: string | undefined; readonly redirectUri?: string | undefined },
): TokenResponse {
  // Redeemed (and committed) before any check: a code that fails a check is burned, not left to retry.
  const redemption = inTransaction(ctx.db, () => redeemToken(ctx.db, code, kind, ctx.clock.nowMs()));
  const label = kind === 'interaction-code' ? 'interaction code' : 'authorization code';
  if (!redemption.ok || !redemption.token.user_id) throw new OAuthFailure('invalid_grant', `The ${label} is invalid or has expired.`);
  const grant = tokenData(redemption.token) as unknown as CodeGrant;
  if (grant.clientId !== app.id) throw new OAuthFailure('invalid_grant', `The ${label} is invalid or has expired.`);
  if (grant.codeChallenge !== undefined) {
    if (!checks.verifier || !verifierMatches(checks.verifier, grant.codeChallenge)) throw new OAuthFailure('invalid_grant', 'PKCE verification failed.');
  }
  // A code issued through a redirect must be redeemed with the same redirect URI (RFC 6749 §4.1.3).
  if ((kind === 'authorization-code' || checks.redirectUri !== undefined) && checks.redirectUri !== grant.redirectUri) {
    throw new OAuthFailure('invalid_grant', "The 'redirect_uri' does not match the redirection URI used in the authorization request.");
  }
  const userId = redemption.token.user_id;
  return inTransaction(ctx.db, () =>
    issueTokens(
      ctx,
      { userId, clientId: app.id, scopes: grant.scopes, amr: grant.amr, authTimeMs: grant.authTimeMs, nonce: grant.nonce },
      { refresh: appSettings(app).grant_types.includes('refresh_token') },
    ),
  );
}

function refresh(ctx: OrgContext, app: AppRow, params: ReadonlyMap<string, string>): TokenResponse {
  const token = requiredParam(params, 'refresh_token', 256);
  const asked = optionalParam(params, 'scope', 1024);
  // A scope outside the grant is the client's mistake: refuse it before spending the token.
  const peeked = peekToken(ctx.db, token, 'refresh', ctx.clock.nowMs());
  const grantedScopes = peeked.ok ? (tokenData(peeked.token).scopes as string[]) : [];
  if (asked !== undefined && asked.split(' ').some((scope) => scope !== '' && !grantedScopes.includes(scope)) && peeked.ok) {
    throw new OAuthFailure('invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
  }
  // Rotation: the presented token is spent whatever happens next (a replayed one fails from here on).
  const redemption = inTransaction(ctx.db, () => redeemToken(ctx.db, token, 'refresh', ctx.clock.nowMs()));
  if (!redemption.ok || !redemption.token.user_id) throw new OAuthFailure('invalid_grant', 'The refresh token is invalid or expired.');
  const data = tokenData(redemption.token) as { clientId: string; scopes: string[]; amr: string[]; authTimeMs: number };
  if (data.clientId !== app.id) throw new OAuthFailure('invalid_grant', 'The refresh token is invalid or expired.');
  const scopes = asked === undefined ? data.scopes : asked.split(' ').filter(Boolean);
  if (scopes.length === 0 || scopes.some((scope) => !data.scopes.includes(scope))) {
    throw new OAuthFailure('invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
  }
  const userId = redemption.token.user_id;
  return inTransaction(ctx.db, () => issueTokens(ctx, { userId, clientId: app.id, scopes, amr: data.amr, authTimeMs: data.authTimeMs }, { refresh: true }));
}

export function tokenRoute(ctx: OrgContext): Route {
  return oauthRoute({
    method: 'POST',
    path: `${OAUTH_BASE_PATH}/v1/token`,
    handler: async ({ req }) => {
      const params = await readOAuthForm(req);
      const grantType = requiredParam(params, 'grant_type', 200);
      const app = authenticateClient(ctx, req, params);
      let tokens: TokenResponse;
      switch (grantType) {
        case 'interaction_code':
          requireGrant(app, grantType);
          tokens = redeemCode(ctx, 'interaction-code', requiredParam(params, 'interaction_code', 256), app, {
            verifier: requiredParam(params, 'code_verifier', 256),
            redirectUri: optionalParam(params, 'redirect_uri', 1024),
          });
          break;
        case 'refresh_token':
          requireGrant(app, grantType);
          tokens = refresh(ctx, app, params);
          break;
        default: {
          const extra = extraGrants[grantType];
          if (!extra) throw new OAuthFailure('unsupported_grant_type', `The authorization grant type is not supported by the authorization server. Configured grant types: [${appSettings(app).grant_types.join(', ')}].`);
          requireGrant(app, grantType);
          return json(extra(ctx, app, params), 200, { Pragma: 'no-cache' });
        }
      }
      return json(tokens, 200, { Pragma: 'no-cache' });
    },
  });
}
