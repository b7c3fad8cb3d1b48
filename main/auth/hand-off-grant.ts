/**
 * What a finished sign-in leaves for the hand-off to diagnostics, whatever the engine: Classic leaves a
 * one-time session token (`/login/sessionCookieRedirect`), Identity Engine the native client's tokens
 * (Native-to-Web SSO: token exchange, then `/v1/authorize` with the interclient token; okta-idx.md §5).
 * The auth service gives it out once; it lives in main only and never reaches a log or the renderer.
 */

/** A one-time Okta session token, valid 5 minutes (authn reference "Session token"). */
export interface SessionTokenGrant {
  readonly kind: 'session-token';
  readonly sessionToken: string;
  readonly login: string;
  readonly expiresAtMs: number;
}

/** The native client's tokens after an Interaction Code sign-in: the actor and subject of the token exchange. */
export interface OidcTokensGrant {
  readonly kind: 'oidc-tokens';
  /** The authorization server that issued them (`{org}/oauth2/default`): the exchange goes to its `/v1/token`. */
  readonly issuer: string;
  /** The native client they were issued to (the exchange's `client_id`). */
  readonly clientId: string;
  readonly accessToken: string;
  readonly idToken: string;
  readonly login: string;
  readonly expiresAtMs: number;
}

export type HandOffGrant = SessionTokenGrant | OidcTokensGrant;
export type HandOffKind = HandOffGrant['kind'];
