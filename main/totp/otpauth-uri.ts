/**
 * The `otpauth://totp/` URI an authenticator app scans (Google Authenticator Key Uri Format): label
 * `issuer:account`, the base32 secret, issuer repeated as a parameter, and the algorithm, digits and
 * period Okta uses (okta-authn.md §4.1: keyLength = digits, timeStep = period).
 */
export interface OtpauthInput {
  readonly issuer: string;
  readonly account: string;
  readonly secret: string;
  readonly digits: number;
  readonly period: number;
}

export function otpauthUri(input: OtpauthInput): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  const query = new URLSearchParams({ secret: input.secret.replace(/\s|=/g, '').toUpperCase(), issuer: input.issuer, algorithm: 'SHA1', digits: String(input.digits), period: String(input.period) });
  return `otpauth://totp/${label}?${query.toString()}`;
}
