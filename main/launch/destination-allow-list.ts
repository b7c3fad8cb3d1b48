/**
 * Where the app may hand a signed-in technician: both the org (which turns the one-time session token into
 * a browser session) and the diagnostics site must be on this list, or nothing is opened. Data, not code
 * (convention 8); a machine policy can only narrow what the defaults name.
 */
export interface Destination {
  readonly orgUrl: string;
  readonly diagnosticsUrl: string;
}

/** Hosts trusted out of the box, each with why. */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = [
  'login.am.fcawitech.com', // the wiTECH 2.0 login page named in the activation e-mail
  'fcawitech.okta.com', // the Okta org behind it (the seed's "invalid token" note sends users there)
];

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1';
}

/** https only, except the embedded local org on loopback; no credentials in the URL. */
export function isAllowedUrl(raw: string, allowedHosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return allowedHosts.includes(url.host) || allowedHosts.includes(url.hostname);
  return url.protocol === 'http:' && isLoopback(url) && allowedHosts.includes(url.host);
}

export function isAllowedDestination(destination: Destination, allowedHosts: readonly string[]): boolean {
  return isAllowedUrl(destination.orgUrl, allowedHosts) && isAllowedUrl(destination.diagnosticsUrl, allowedHosts);
}
