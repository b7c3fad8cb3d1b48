/**
 * The `default` custom authorization server, as Okta serves it under `/oauth2/default`: discovery,
 * `/v1/keys`, `/v1/interact` (the Interaction Code flow's entry, PKCE S256 required), `/v1/revoke`
 * and `/v1/logout`. `/v1/token` is in token-route.ts. The issuer is the org's URL as printed
 * (`http://localhost:PORT/oauth2/default`): clients compare `iss` as a string.
 */
import type { OrgContext } from '../org-context.ts';
import type { Route } from '../http/router.ts';
import { json, type Reply } from '../http/request-io.ts';
import { inTransaction } from '../store/database.ts';
import { peekToken, redeemToken, storeToken, tokenData } from '../store/token-store.ts';
import { deleteSession } from '../store/session-store.ts';
import { findUserById, type UserRow } from '../store/user-store.ts';
import { opaqueToken } from '../security/secret-token.ts';
import { currentSession } from '../login/session-routes.ts';
import { escapeHtml, htmlReply, page } from '../login/html.ts';
import { engineOf } from '../idx/engine.ts';
import { createIdxTx } from '../idx/idx-store.ts';
import { unlockAccount } from '../idx/recovery.ts';
import { GRANT_TYPES, TOKEN_EXCHANGE, appSettings, findApp } from './app-store.ts';
import { activeClient, authenticateClient } from './client-auth.ts';
import { jwks, verificationKeys } from './signing-key.ts';
import { verifyJwt } from './jwt.ts';
import { isChallenge } from './pkce.ts';
import { SUPPORTED_SCOPES, issuerOf } from './token-issuer.ts';
import { OAuthFailure, oauthRoute, optionalParam, readOAuthForm, requiredParam } from './oauth-http.ts';
import { tokenRoute } from './token-route.ts';
import { OAUTH_BASE_PATH } from './paths.ts';
import { authorizeRoutes } from './authorize-route.ts';

export const OAUTH_BASE = OAUTH_BASE_PATH;

export function discovery(ctx: OrgContext): Record<string, unknown> {
  const issuer = issuerOf(ctx);
  return {
    issuer,
    authorization_endpoint: `${issuer}/v1/authorize`,
    token_endpoint: `${issuer}/v1/token`,
    jwks_uri: `${issuer}/v1/keys`,
    revocation_endpoint: `${issuer}/v1/revoke`,
    end_session_endpoint: `${issuer}/v1/logout`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [...GRANT_TYPES],
    subject_types_supported: ['public'],
    scopes_supported: [...SUPPORTED_SCOPES],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    claims_supported: ['iss', 'ver', 'sub', 'aud', 'iat', 'exp', 'jti', 'auth_time', 'amr', 'idp', 'nonce', 'name', 'preferred_username', 'locale', 'email', 'email_verified', 'at_hash'],
    code_challenge_methods_supported: ['S256'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    id_token_signing_alg_values_supported: ['RS256'],
    request_parameter_supported: false,
  };
}

/** Space-separated scopes, each one this server knows; `interclient_access` only for apps allowed the exchange. */
export function parseScopes(raw: string, grantTypes: readonly string[]): string[] {
  const scopes = [...new Set(raw.split(' ').filter(Boolean))];
  if (scopes.length === 0 || scopes.some((scope) => !(SUPPORTED_SCOPES as readonly string[]).includes(scope))) {
    throw new OAuthFailure('invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
  }
  if (scopes.includes('interclient_access') && !grantTypes.includes(TOKEN_EXCHANGE)) {
    throw new OAuthFailure('invalid_scope', "The 'interclient_access' scope needs the token exchange grant on the client.");
  }
  return scopes;
}

function activationUser(ctx: OrgContext, token: string, now: number): UserRow {
  const redemption = redeemToken(ctx.db, token, 'activation', now);
  // The reason is told apart, as the Authn API's errorCauses do, so the app can say "already used" or "expired".
  if (!redemption.ok && redemption.reason !== 'unknown') throw new OAuthFailure('invalid_request', redemption.reason === 'used' ? 'The activation token has already been used' : 'The activation token has expired');
  const user = redemption.ok ? findUserById(ctx.db, redemption.token.user_id ?? '') : undefined;
  if (!user || !['PROVISIONED', 'STAGED', 'ACTIVE'].includes(user.status)) throw new OAuthFailure('invalid_request', 'The activation token is invalid');
  return user;
}

/**
 * Spends an e-mailed recovery token (authn/recovery-routes.ts issues them for both engines): a password
 * token starts at `reset-authenticator`; an unlock token unlocks the account and starts at sign-in.
 */
function recoveryStart(ctx: OrgContext, token: string, now: number): { step: 'reset' | 'identify'; user: UserRow } {
  const redemption = redeemToken(ctx.db, token, 'recovery', now);
  const user = redemption.ok ? findUserById(ctx.db, redemption.token.user_id ?? '') : undefined;
  if (!redemption.ok || !user || !['ACTIVE', 'LOCKED_OUT'].includes(user.status)) throw new OAuthFailure('invalid_request', 'The recovery token is invalid');
  if (tokenData(redemption.token).recoveryType !== 'UNLOCK') return { step: 'reset', user };
  unlockAccount(ctx, user);
  return { step: 'identify', user };
}

function interact(ctx: OrgContext): Route {
  return oauthRoute({
    method: 'POST',
    path: `${OAUTH_BASE}/v1/interact`,
    handler: async ({ req, ip }) => {
      const params = await readOAuthForm(req);
      // On a classic org the Interaction Code flow does not exist (okta-idx.md §1; status unconfirmed).
      if (engineOf(ctx.db) !== 'identity') throw new OAuthFailure('access_denied', 'The requested feature is not enabled in this environment.', 403);
      const app = activeClient(ctx, optionalParam(params, 'client_id', 100));
      const headers = ctx.limiter.hit(`interact:${app.id}:${ip}`, ctx.policy.interactPerMinute);
      const settings = appSettings(app);
      if (!settings.grant_types.includes('interaction_code')) {
        throw new OAuthFailure('unauthorized_client', `The client is not authorized to use the provided grant type. Configured grant types: [${settings.grant_types.join(', ')}].`);
      }
      const redirectUri = requiredParam(params, 'redirect_uri', 1024);
      if (!settings.redirect_uris.includes(redirectUri)) throw new OAuthFailure('invalid_request', "'redirect_uri' must be a Login redirect URI in the client app settings.");
      if (requiredParam(params, 'code_challenge_method', 10) !== 'S256') throw new OAuthFailure('invalid_request', "'code_challenge_method' must be S256.");
      const codeChallenge = requiredParam(params, 'code_challenge', 128);
      if (!isChallenge(codeChallenge)) throw new OAuthFailure('invalid_request', "'code_challenge' is not a valid S256 challenge.");
      const state = requiredParam(params, 'state', 1024);
      const scopes = parseScopes(requiredParam(params, 'scope', 1024), settings.grant_types);
      const now = ctx.clock.nowMs();
      const activationToken = optionalParam(params, 'activation_token', 256);
      const recoveryToken = optionalParam(params, 'recovery_token', 256);
      if (recoveryToken !== undefined && !peekToken(ctx.db, recoveryToken, 'recovery', now).ok) {
        throw new OAuthFailure('invalid_request', 'The recovery token is invalid');
      }
      if (activationToken !== undefined && recoveryToken !== undefined) throw new OAuthFailure('invalid_request', 'Only one of activation_token and recovery_token may be sent.');
      const interactionHandle = opaqueToken(ctx.random, '', 32);
      inTransaction(ctx.db, () => {
        // An activation token is spent here: the transaction starts for its user, who sets a password first.
        const activated = activationToken === undefined ? undefined : activationUser(ctx, activationToken, now);
        // A recovery token (the e-mailed reset link) proves the e-mail: the transaction starts at the new password.
        const recovering = recoveryToken === undefined ? undefined : recoveryStart(ctx, recoveryToken, now);
        createIdxTx(
          ctx.db,
          interactionHandle,
          opaqueToken(ctx.random, '02', 30),
          {
            interaction: { clientId: app.id, redirectUri, scopes, codeChallenge, state, nonce: optionalParam(params, 'nonce', 256), recoveryToken },
            step: activated ? 'select-enroll' : (recovering?.step ?? 'identify'),
            ...(activated ? { userId: activated.id, activation: true } : {}),
            ...(recovering?.step === 'reset' ? { userId: recovering.user.id, recovery: { purpose: 'password' as const } } : {}),
            amr: recovering?.step === 'reset' ? ['email'] : [],
            passcodeFailures: 0,
            enrolled: [],
          },
          now,
        );
      });
      return json({ interaction_handle: interactionHandle }, 200, headers);
    },
  });
}

function revoke(ctx: OrgContext): Route {
  return oauthRoute({
    method: 'POST',
    path: `${OAUTH_BASE}/v1/revoke`,
    handler: async ({ req }) => {
      const params = await readOAuthForm(req);
      const app = authenticateClient(ctx, req, params);
      const token = requiredParam(params, 'token', 16 * 1024);
      const now = ctx.clock.nowMs();
      inTransaction(ctx.db, () => {
        const refresh = peekToken(ctx.db, token, 'refresh', now);
        if (refresh.ok && tokenData(refresh.token).clientId === app.id) {
          redeemToken(ctx.db, token, 'refresh', now);
          return;
        }
        const claims = verifyJwt(token, verificationKeys(ctx));
        if (claims && claims.cid === app.id && typeof claims.jti === 'string' && typeof claims.exp === 'number') {
          storeToken(ctx.db, claims.jti, 'revoked-access', null, now, Math.max(0, claims.exp * 1000 - now));
        }
      });
      // RFC 7009 §2.2: an unknown or already revoked token is answered as a success.
      return { status: 200 };
    },
  });
}

function logout(ctx: OrgContext): Route {
  return oauthRoute({
    method: 'GET',
    path: `${OAUTH_BASE}/v1/logout`,
    handler: (rc): Reply => {
      const params = new Map(rc.url.searchParams);
      const hint = requiredParam(params, 'id_token_hint', 16 * 1024);
      const claims = verifyJwt(hint, verificationKeys(ctx));
      if (!claims || claims.iss !== issuerOf(ctx) || typeof claims.aud !== 'string' || typeof claims.sub !== 'string') {
        throw new OAuthFailure('invalid_request', "The 'id_token_hint' parameter is not a valid ID token of this authorization server.");
      }
      const app = findApp(ctx.db, claims.aud);
      const redirect = optionalParam(params, 'post_logout_redirect_uri', 1024);
      if (redirect !== undefined && (!app || !appSettings(app).post_logout_redirect_uris.includes(redirect))) {
        throw new OAuthFailure('invalid_request', "'post_logout_redirect_uri' must be a Logout redirect URI in the client app settings.");
      }
      const session = currentSession(ctx, rc);
      if (session && session.user_id === claims.sub) inTransaction(ctx.db, () => deleteSession(ctx.db, session.id));
      if (redirect === undefined) return htmlReply(page('Signed out', `<h1>${escapeHtml('Signed out / Déconnecté')}</h1>`));
      const target = new URL(redirect);
      const state = optionalParam(params, 'state', 1024);
      if (state !== undefined) target.searchParams.set('state', state);
      return { status: 302, headers: { Location: target.href } };
    },
  });
}

export function oauthRoutes(ctx: OrgContext): Route[] {
  return [
    { method: 'GET', path: `${OAUTH_BASE}/.well-known/openid-configuration`, handler: () => json(discovery(ctx)) },
    { method: 'GET', path: `${OAUTH_BASE}/.well-known/oauth-authorization-server`, handler: () => json(discovery(ctx)) },
    // Keys change rarely; Okta lets clients cache them, the rest of this server is no-store.
    { method: 'GET', path: `${OAUTH_BASE}/v1/keys`, handler: () => json(jwks(ctx), 200, { 'Cache-Control': 'max-age=3600, must-revalidate' }) },
    interact(ctx),
    tokenRoute(ctx),
    revoke(ctx),
    logout(ctx),
    ...authorizeRoutes(ctx),
  ];
}
