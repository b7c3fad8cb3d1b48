/**
 * Engine and app-registration commands:
 *   org:upgrade --data <dir>   → ENGINE=identity (users, factors and sessions kept; a running server sees it at once)
 *   org:engine --data <dir>    → ENGINE=classic|identity
 *   app:create --data <dir> --label <l> --type native|web --redirect-uri <uri>[,<uri>…] [--post-logout-uri <uri>] [--grants a,b]
 *              → CLIENT_ID=<id> (and CLIENT_SECRET=<secret> for a web app, shown once)
 *   app:list --data <dir>      → client id, type, label, redirect URIs (tab-separated)
 */
import { engineOf, upgradeToIdentity } from '../idx/engine.ts';
import { appSettings, listApps } from '../oauth/app-store.ts';
import { createApp, CreateAppBody } from '../oauth/app-admin.ts';
import { TOKEN_EXCHANGE } from '../oauth/app-store.ts';
import { optional, required, UsageError } from './args.ts';
import type { CliCommand } from './extra-commands.ts';

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

export const engineCommands: Readonly<Record<string, CliCommand>> = {
  'org:upgrade': (ctx, _args, out) => {
    const { engine } = upgradeToIdentity(ctx.db);
    out(`ENGINE=${engine}`);
  },
  'org:engine': (ctx, _args, out) => {
    out(`ENGINE=${engineOf(ctx.db)}`);
  },
  'app:create': (ctx, args, out) => {
    const type = required(args, 'type');
    if (type !== 'native' && type !== 'web') throw new UsageError('--type must be native or web');
    const grants = list(optional(args, 'grants'));
    const parsed = CreateAppBody.safeParse({
      label: required(args, 'label'),
      signOnMode: 'OPENID_CONNECT',
      settings: {
        oauthClient: {
          redirect_uris: list(required(args, 'redirect-uri')),
          post_logout_redirect_uris: list(optional(args, 'post-logout-uri')),
          response_types: ['code'],
          grant_types: grants.length > 0 ? grants : type === 'native' ? ['authorization_code', 'interaction_code', 'refresh_token', TOKEN_EXCHANGE] : ['authorization_code'],
          application_type: type,
        },
      },
    });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const created = createApp(ctx, parsed.data);
    out(`CLIENT_ID=${created.app.id}`);
    if (created.clientSecret) out(`CLIENT_SECRET=${created.clientSecret}`);
  },
  'app:list': (ctx, _args, out) => {
    for (const app of listApps(ctx.db)) out([app.id, app.application_type, app.label, appSettings(app).redirect_uris.join(',')].join('\t'));
  },
};
