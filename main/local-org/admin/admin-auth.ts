/**
 * The admin API's `Authorization: SSWS <token>` check (Okta API tokens). The token is generated at
 * start-up and kept only in memory as a hash; a missing or wrong token gets 401 E0000011
 * "Invalid token provided", as Okta answers a bad API token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { OktaFailure } from '../http/okta-error.ts';
import { tokenHash } from '../security/secret-token.ts';

export function ssws(adminToken: string) {
  const expected = Buffer.from(tokenHash(adminToken));
  return function requireAdmin(req: IncomingMessage): void {
    const header = req.headers.authorization ?? '';
    const match = /^SSWS\s+(\S+)$/i.exec(header);
    const given = Buffer.from(tokenHash(match?.[1] ?? ''));
    if (!match || !timingSafeEqual(given, expected)) throw new OktaFailure('E0000011');
  };
}
