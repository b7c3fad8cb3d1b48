/**
 * The run's connection token, after VS Code's `serve-web`: only whoever started the preview sees it (in the
 * printed URL). Opening that URL trades it for an HttpOnly, SameSite=Strict cookie and a redirect to a clean
 * address, so the token never stays in the address bar, the history or a Referer. Every other request needs
 * the cookie. The cookie's name carries the port: cookies on `localhost` are not separated by port.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_QUERY = 'tkn';

export interface ConnectionToken {
  readonly value: string;
  readonly cookieName: string;
  /** True when the header holds this run's cookie (constant-time comparison). */
  acceptsCookieHeader(header: string | undefined): boolean;
  accepts(candidate: string | null | undefined): boolean;
  setCookieHeader(): string;
}

export function createConnectionToken(port: number, random: (n: number) => Buffer = randomBytes): ConnectionToken {
  const value = random(32).toString('base64url');
  const expected = Buffer.from(value);
  const cookieName = `garage-preview-${port}`;
  const accepts = (candidate: string | null | undefined) => {
    if (typeof candidate !== 'string' || candidate.length !== value.length) return false;
    return timingSafeEqual(Buffer.from(candidate), expected);
  };
  return {
    value,
    cookieName,
    accepts,
    acceptsCookieHeader: (header) => accepts(cookieValue(header, cookieName)),
    setCookieHeader: () => `${cookieName}=${value}; Path=/; HttpOnly; SameSite=Strict`,
  };
}

/** One cookie's value from a Cookie header; malformed pairs are skipped, never thrown on. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
