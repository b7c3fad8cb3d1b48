/**
 * What a technician may give to activate an account: the app link `witech-login://activate?token=…`,
 * the e-mail's link (`https://<org>/welcome/<token>` on Classic, `https://<org>/tokens/<token>/verify` on
 * Identity Engine: okta-idx.md §1), or the bare token. Parsed strictly: anything else is
 * refused with a code the screen explains, and the token never reaches a log.
 */
import { fail, ok, type Result } from '../core/result.ts';

/** Okta activation tokens are short opaque strings; 200 leaves room for other orgs without inviting abuse. */
export const MAX_TOKEN_LENGTH = 200;
const TOKEN = /^[A-Za-z0-9_-]{8,200}$/;

function tokenResult(token: string | undefined | null): Result<{ token: string }> {
  if (!token) return fail('E_LINK_INVALID');
  if (token.length > MAX_TOKEN_LENGTH) return fail('E_LINK_TOKEN_TOO_LONG');
  return TOKEN.test(token) ? ok({ token }) : fail('E_LINK_INVALID');
}

export function parseActivationInput(input: string, orgHost: string): Result<{ token: string }> {
  const text = input.trim();
  if (text.length > 4096) return fail('E_LINK_TOKEN_TOO_LONG');
  if (!text.includes(':') && !text.includes('/')) return tokenResult(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('E_LINK_INVALID');
  }
  if (url.username || url.password || url.hash) return fail('E_LINK_INVALID');
  if (url.protocol === 'witech-login:') {
    // witech-login://activate?token=… — the host is the action; exactly one parameter.
    if (url.hostname !== 'activate') return fail('E_LINK_UNKNOWN_ACTION');
    if (url.pathname !== '' && url.pathname !== '/') return fail('E_LINK_INVALID');
    const keys = [...url.searchParams.keys()];
    if (keys.length !== 1 || keys[0] !== 'token') return fail('E_LINK_INVALID');
    return tokenResult(url.searchParams.get('token'));
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost')) {
    // The e-mail link of the org the app is configured for, and no other: a token is only good there.
    if (url.host !== orgHost) return fail('E_LINK_INVALID');
    const match = /^\/welcome\/([^/]+)\/?$/.exec(url.pathname) ?? /^\/tokens\/([^/]+)\/verify\/?$/.exec(url.pathname);
    if (!match || url.search !== '') return fail('E_LINK_INVALID');
    return tokenResult(decodeURIComponent(match[1] ?? ''));
  }
  return fail('E_LINK_UNKNOWN_ACTION');
}
