/**
 * Who is calling the token endpoint: a public client names itself with `client_id` (PKCE proves the
 * rest); a web app also proves its secret, by HTTP Basic or in the form (RFC 6749 §2.3.1).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { OrgContext } from '../org-context.ts';
import { tokenHash } from '../security/secret-token.ts';
import { findApp, type AppRow } from './app-store.ts';
import { OAuthFailure, optionalParam } from './oauth-http.ts';

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

export function activeClient(ctx: OrgContext, clientId: string | undefined): AppRow {
  const app = clientId ? findApp(ctx.db, clientId) : undefined;
  if (!app || app.status !== 'ACTIVE') throw new OAuthFailure('invalid_client', "Invalid value for 'client_id' parameter.");
  return app;
}

export function authenticateClient(ctx: OrgContext, req: IncomingMessage, params: ReadonlyMap<string, string>): AppRow {
  const basic = basicCredentials(req);
  const formId = optionalParam(params, 'client_id', 100);
  if (basic && formId && basic.id !== formId) throw new OAuthFailure('invalid_client', 'Client authentication failed.');
  const app = activeClient(ctx, basic?.id ?? formId);
  if (app.token_endpoint_auth_method === 'none') return app;
  const secret = basic?.secret ?? optionalParam(params, 'client_secret', 200) ?? '';
  const given = Buffer.from(tokenHash(secret));
  const expected = Buffer.from(app.client_secret_hash ?? '');
  if (secret === '' || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new OAuthFailure('invalid_client', 'Client authentication failed.');
  }
  return app;
}
