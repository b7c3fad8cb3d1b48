/**
 * Which `redirectUrl` the session hand-off may send a browser to. Okta requires a Trusted Origin;
 * here an entry is either an origin (`https://login.example`) allowing any path on it, or a URL with
 * a path allowing that path and below. Matching is done on parsed URLs — never on strings — so
 * `https://trusted.example@evil.example`, `//evil.example`, `https:\\evil.example`, encoded
 * slashes and look-alike prefixes (`https://trusted.example.evil.example`) all fail.
 */
export function isAllowedRedirect(candidate: string, allowList: readonly string[]): boolean {
  let target: URL;
  try {
    target = new URL(candidate);
  } catch {
    return false; // relative or malformed: refused rather than resolved against the org
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
  if (target.username !== '' || target.password !== '') return false;
  // A decoded path must not climb or smuggle separators that a later hop could reinterpret.
  if (/%2f|%5c|%2e/i.test(target.pathname)) return false;
  return allowList.some((entry) => {
    let allowed: URL;
    try {
      allowed = new URL(entry);
    } catch {
      return false;
    }
    if (allowed.origin !== target.origin) return false;
    const base = allowed.pathname.replace(/\/+$/, '');
    return base === '' || target.pathname === base || target.pathname.startsWith(`${base}/`);
  });
}
