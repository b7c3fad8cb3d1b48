/**
 * Minting the tokens of the `default` authorization server with the claims Okta documents
 * (okta-idx.md §2): access token `{ver,jti,iss,aud:"api://default",iat,exp,cid,uid,scp,sub,auth_time}`,
 * ID token `{sub,name,email,ver,iss,aud,iat,exp,jti,amr,idp,nonce?,preferred_username,auth_time,at_hash}`,
 * and an opaque refresh token (stored hashed, rotated on use) when `offline_access` was granted.
 */
import { createHash } from 'node:crypto';
import type { OrgContext } from '../org-context.ts';
import { storeToken } from '../store/token-store.ts';
import { findUserById } from '../store/user-store.ts';
import { alphanumericToken, opaqueToken } from '../security/secret-token.ts';
import { signJwt } from './jwt.ts';
import { signingKey } from './signing-key.ts';
import { orgId } from '../idx/engine-routes.ts';
import { OAuthFailure } from './oauth-http.ts';

export const AUTH_SERVER = 'default';
export const ACCESS_TOKEN_AUDIENCE = 'api://default';
export const ACCESS_TOKEN_LIFETIME_S = 3600;
export const ID_TOKEN_LIFETIME_S = 3600;
/** Okta's default refresh token policy: expires when unused for 7 days (rotated on every use here). */
export const REFRESH_IDLE_MS = 7 * 24 * 3600 * 1000;
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'interclient_access'] as const;

export function issuerOf(ctx: OrgContext): string {
  return `${ctx.url()}/oauth2/${AUTH_SERVER}`;
}

/** What a user proved, for whom: the input of every grant. */
export interface Grant {
  readonly userId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly amr: readonly string[];
  readonly authTimeMs: number;
  readonly nonce?: string | undefined;
}

export interface TokenResponse {
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly access_token: string;
  readonly scope: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
}

function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

export function issueTokens(ctx: OrgContext, grant: Grant, options: { readonly refresh: boolean }): TokenResponse {
  const user = findUserById(ctx.db, grant.userId);
  if (!user || user.status !== 'ACTIVE') throw new OAuthFailure('invalid_grant', 'The user is not active.');
  const key = signingKey(ctx);
  const now = Math.floor(ctx.clock.nowMs() / 1000);
  const iss = issuerOf(ctx);
  const authTime = Math.floor(grant.authTimeMs / 1000);
  const accessToken = signJwt(
    {
      ver: 1,
      jti: `AT.${alphanumericToken(ctx.random, 43)}`,
      iss,
      aud: ACCESS_TOKEN_AUDIENCE,
      iat: now,
      exp: now + ACCESS_TOKEN_LIFETIME_S,
      cid: grant.clientId,
      uid: user.id,
      scp: grant.scopes,
      auth_time: authTime,
      sub: user.login,
    },
    key,
  );
  const scopes = new Set(grant.scopes);
  const idToken = scopes.has('openid')
    ? signJwt(
        {
          sub: user.id,
          ...(scopes.has('profile') ? { name: `${user.first_name} ${user.last_name}`, preferred_username: user.login, locale: user.locale } : {}),
          ...(scopes.has('email') ? { email: user.email, email_verified: true } : {}),
          ver: 1,
          iss,
          aud: grant.clientId,
          iat: now,
          exp: now + ID_TOKEN_LIFETIME_S,
          jti: `ID.${alphanumericToken(ctx.random, 43)}`,
          amr: grant.amr,
          idp: orgId(ctx),
          ...(grant.nonce ? { nonce: grant.nonce } : {}),
          auth_time: authTime,
          at_hash: atHash(accessToken),
        },
        key,
      )
    : undefined;
  let refreshToken: string | undefined;
  if (options.refresh && scopes.has('offline_access')) {
    refreshToken = opaqueToken(ctx.random, '', 32);
    storeToken(ctx.db, refreshToken, 'refresh', user.id, ctx.clock.nowMs(), REFRESH_IDLE_MS, {
      clientId: grant.clientId,
      scopes: grant.scopes,
      amr: grant.amr,
      authTimeMs: grant.authTimeMs,
    });
  }
  return {
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    access_token: accessToken,
    scope: grant.scopes.join(' '),
    ...(idToken ? { id_token: idToken } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}
