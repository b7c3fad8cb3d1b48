/**
 * Classic's hand-off: `GET {org}/login/sessionCookieRedirect?token={sessionToken}&redirectUrl={url}` makes
 * the browser exchange the one-time session token for an Okta session cookie and land on the diagnostics
 * login already signed in (Okta "Session cookie" guide; Classic only, okta-idx.md §5). The URL carries the
 * token, so it goes straight to the opener and is never logged.
 */
export function sessionCookieRedirectUrl(orgUrl: string, sessionToken: string, redirectUrl: string): string {
  const url = new URL('/login/sessionCookieRedirect', orgUrl);
  url.searchParams.set('token', sessionToken);
  url.searchParams.set('redirectUrl', redirectUrl);
  return url.toString();
}
