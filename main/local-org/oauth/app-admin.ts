/**
 * Creating OpenID Connect apps in the shape of Okta's Apps API (`POST /api/v1/apps` with
 * `signOnMode: "OPENID_CONNECT"`): validation of `settings.oauthClient`, the app object returned
 * (client id in `credentials.oauthClient.client_id`), shared by the admin API, the CLI and the
 * built-in registrations.
 */
import { z } from 'zod';
import type { OrgContext } from '../org-context.ts';
import { iso } from '../org-context.ts';
import { OktaFailure, type ErrorCause } from '../http/okta-error.ts';
import { inTransaction } from '../store/database.ts';
import { alphanumericToken, tokenHash } from '../security/secret-token.ts';
import { GRANT_TYPES, insertApp, type AppRow, type OAuthClientSettings, appSettings } from './app-store.ts';

export const CreateAppBody = z.looseObject({
  name: z.literal('oidc_client').optional(),
  label: z.string().min(1).max(100),
  signOnMode: z.literal('OPENID_CONNECT'),
  credentials: z
    .looseObject({
      oauthClient: z.looseObject({ token_endpoint_auth_method: z.enum(['none', 'client_secret_basic', 'client_secret_post']).optional() }).optional(),
    })
    .optional(),
  settings: z.looseObject({
    oauthClient: z.looseObject({
      redirect_uris: z.array(z.string().min(1).max(1024)).max(50).default([]),
      post_logout_redirect_uris: z.array(z.string().min(1).max(1024)).max(50).default([]),
      response_types: z.array(z.enum(['code'])).min(1).max(1).default(['code']),
      grant_types: z.array(z.enum(GRANT_TYPES)).min(1).max(GRANT_TYPES.length),
      application_type: z.enum(['native', 'web']),
      consent_method: z.enum(['TRUSTED', 'REQUIRED']).optional(),
    }),
  }),
});
export type CreateAppInput = z.output<typeof CreateAppBody>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a redirect URI is refused, or undefined. Exact URIs only: no fragment, no wildcard (RFC 6749 §3.1.2). */
export function redirectUriProblem(uri: string, type: 'native' | 'web'): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return 'is not an absolute URI';
  }
  if (uri.includes('#')) return 'must not contain a fragment';
  if (uri.includes('*')) return 'must not contain a wildcard';
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme === 'https') return undefined;
  if (scheme === 'http') return LOOPBACK_HOSTS.has(parsed.hostname) ? undefined : 'may use http only on a loopback host';
  if (type === 'web') return 'must use https (or http on a loopback host)';
  // Native apps: a private-use scheme (RFC 8252 §7.1), never one a browser runs itself.
  return ['javascript', 'data', 'file', 'vbscript', 'blob', 'about'].includes(scheme) ? 'uses a scheme that cannot receive a redirect' : undefined;
}

function validate(input: CreateAppInput): ErrorCause[] {
  const client = input.settings.oauthClient;
  const causes: ErrorCause[] = [];
  for (const [field, list] of [['redirect_uris', client.redirect_uris], ['post_logout_redirect_uris', client.post_logout_redirect_uris]] as const) {
    for (const uri of list) {
      const problem = redirectUriProblem(uri, client.application_type);
      if (problem) causes.push({ errorSummary: `${field}: '${uri.slice(0, 200)}' ${problem}` });
    }
  }
  const needsRedirect = client.grant_types.some((g) => g === 'authorization_code' || g === 'interaction_code');
  if (needsRedirect && client.redirect_uris.length === 0) causes.push({ errorSummary: 'redirect_uris: At least one redirect URI is required for these grant types' });
  const method = input.credentials?.oauthClient?.token_endpoint_auth_method ?? (client.application_type === 'native' ? 'none' : 'client_secret_basic');
  if (client.application_type === 'web' && method === 'none') causes.push({ errorSummary: 'token_endpoint_auth_method: A web app must authenticate with a client secret' });
  if (client.grant_types.includes('refresh_token') && !needsRedirect) causes.push({ errorSummary: 'grant_types: refresh_token needs authorization_code or interaction_code' });
  return causes;
}

export interface CreatedApp {
  readonly app: AppRow;
  /** Web apps only, shown once. */
  readonly clientSecret?: string;
}

export function createApp(ctx: OrgContext, input: CreateAppInput): CreatedApp {
  const causes = validate(input);
  if (causes.length > 0) throw new OktaFailure('E0000001', causes, {}, causes.map((c) => c.errorSummary.split(':')[0]).join(', '));
  const client = input.settings.oauthClient;
  const method = input.credentials?.oauthClient?.token_endpoint_auth_method ?? (client.application_type === 'native' ? 'none' : 'client_secret_basic');
  const clientSecret = method === 'none' ? undefined : alphanumericToken(ctx.random, 40);
  const now = ctx.clock.nowMs();
  const settings: OAuthClientSettings = {
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris,
    response_types: client.response_types,
    grant_types: client.grant_types,
    application_type: client.application_type,
    consent_method: client.consent_method ?? 'TRUSTED',
  };
  const app: AppRow = {
    id: `0oa${alphanumericToken(ctx.random, 17)}`,
    name: 'oidc_client',
    label: input.label,
    status: 'ACTIVE',
    application_type: client.application_type,
    token_endpoint_auth_method: method,
    client_secret_hash: clientSecret ? tokenHash(clientSecret) : null,
    settings: JSON.stringify(settings),
    created_ms: now,
    updated_ms: now,
  };
  inTransaction(ctx.db, () => insertApp(ctx.db, app));
  return clientSecret ? { app, clientSecret } : { app };
}

/** The app object as Okta's Apps API returns it. */
export function appJson(ctx: OrgContext, app: AppRow, clientSecret?: string): Record<string, unknown> {
  const href = `${ctx.url()}/api/v1/apps/${app.id}`;
  return {
    id: app.id,
    name: app.name,
    label: app.label,
    status: app.status,
    created: iso(app.created_ms),
    lastUpdated: iso(app.updated_ms),
    signOnMode: 'OPENID_CONNECT',
    credentials: {
      oauthClient: {
        client_id: app.id,
        autoKeyRotation: true,
        token_endpoint_auth_method: app.token_endpoint_auth_method,
        ...(clientSecret ? { client_secret: clientSecret } : {}),
      },
    },
    settings: { oauthClient: appSettings(app) },
    _links: { self: { href }, deactivate: { href: `${href}/lifecycle/deactivate` } },
  };
}
