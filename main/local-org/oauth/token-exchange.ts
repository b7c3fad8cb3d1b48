/**
 * Native-to-Web SSO's first half (DD guides/native-to-web-sso, okta-idx.md §5): the native app trades
 * its access token (actor, with `interclient_access`) and ID token (subject) for a single-use,
 * 300-second interclient token for one target web app that allow-lists the native app
 * (`/api/v1/apps/{target}/interclient-allowed-apps`). The token is consumed by `/v1/authorize`.
 */
import type { OrgContext } from '../org-context.ts';
import { peekToken, storeToken } from '../store/token-store.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { findApp, interclientAllowed, type AppRow } from './app-store.ts';
import { verifyJwt } from './jwt.ts';
import { verificationKeys } from './signing-key.ts';
import { ACCESS_TOKEN_AUDIENCE, issuerOf } from './token-issuer.ts';
import { OAuthFailure, requiredParam } from './oauth-http.ts';

export const INTERCLIENT_TOKEN_TYPE = 'urn:okta:params:oauth:token-type:interclient_token';
export const INTERCLIENT_LIFETIME_MS = 300 * 1000;
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const AUDIENCE_PREFIX = 'urn:okta:apps:';

/** What an interclient token carries to `/v1/authorize`. */
export interface InterclientGrant {
  readonly originClientId: string;
  readonly targetClientId: string;
  readonly amr: readonly string[];
  readonly authTimeMs: number;
}

function liveClaims(ctx: OrgContext, token: string, what: string): Record<string, unknown> {
  const claims = verifyJwt(token, verificationKeys(ctx));
  const now = Math.floor(ctx.clock.nowMs() / 1000);
  if (!claims || claims.iss !== issuerOf(ctx) || typeof claims.exp !== 'number' || claims.exp <= now) {
    throw new OAuthFailure('invalid_grant', `The ${what} is invalid or expired.`);
  }
  return claims;
}

export function tokenExchange(ctx: OrgContext, app: AppRow, params: ReadonlyMap<string, string>): Record<string, unknown> {
  if (requiredParam(params, 'actor_token_type', 200) !== ACCESS_TOKEN_TYPE) throw new OAuthFailure('invalid_request', "'actor_token_type' must be an access token type.");
  if (requiredParam(params, 'subject_token_type', 200) !== ID_TOKEN_TYPE) throw new OAuthFailure('invalid_request', "'subject_token_type' must be an ID token type.");
  if (requiredParam(params, 'requested_token_type', 200) !== INTERCLIENT_TOKEN_TYPE) throw new OAuthFailure('invalid_request', "'requested_token_type' must be the interclient token type.");
  const audience = requiredParam(params, 'audience', 200);
  const actor = liveClaims(ctx, requiredParam(params, 'actor_token', 16 * 1024), 'actor token');
  const subject = liveClaims(ctx, requiredParam(params, 'subject_token', 16 * 1024), 'subject token');
  const scopes = Array.isArray(actor.scp) ? (actor.scp as unknown[]) : [];
  if (actor.aud !== ACCESS_TOKEN_AUDIENCE || actor.cid !== app.id || typeof actor.jti !== 'string') throw new OAuthFailure('invalid_grant', 'The actor token was not issued to this client.');
  if (peekToken(ctx.db, actor.jti, 'revoked-access', ctx.clock.nowMs()).ok) throw new OAuthFailure('invalid_grant', 'The actor token is invalid or expired.');
  if (!scopes.includes('interclient_access')) throw new OAuthFailure('invalid_scope', "The actor token lacks the 'interclient_access' scope.");
  if (subject.aud !== app.id || subject.sub !== actor.uid) throw new OAuthFailure('invalid_grant', 'The subject token does not belong to the actor token.');
  const target = audience.startsWith(AUDIENCE_PREFIX) ? findApp(ctx.db, audience.slice(AUDIENCE_PREFIX.length)) : undefined;
  if (!target || target.status !== 'ACTIVE' || !interclientAllowed(ctx.db, target.id, app.id)) {
    throw new OAuthFailure('invalid_target', 'The audience is not an app that allows this client.');
  }
  const token = opaqueToken(ctx.random, '', 32);
  const grant: InterclientGrant = {
    originClientId: app.id,
    targetClientId: target.id,
    amr: Array.isArray(subject.amr) ? (subject.amr as string[]) : ['pwd'],
    authTimeMs: typeof subject.auth_time === 'number' ? subject.auth_time * 1000 : ctx.clock.nowMs(),
  };
  storeToken(ctx.db, token, 'interclient', String(actor.uid), ctx.clock.nowMs(), INTERCLIENT_LIFETIME_MS, grant);
  return { token_type: 'N_A', expires_in: INTERCLIENT_LIFETIME_MS / 1000, access_token: token, issued_token_type: INTERCLIENT_TOKEN_TYPE };
}
