/**
 * Engine and app-registration commands:
 *   org:upgrade --data <dir>   → ENGINE=identity (users, factors and sessions kept; a running server sees it at once)
 *   org:engine --data <dir>    → ENGINE=classic|identity
 *   app:create --data <dir> --label <l> --type native|web --redirect-uri <uri>[,<uri>…] [--post-logout-uri <uri>] [--grants a,b]
 *              → CLIENT_ID=<id> (and CLIENT_SECRET=<secret> for a web app, shown once)
 *   app:list --data <dir>      → client id, type, label, redirect URIs (tab-separated)
 */
import { engineOf, upgradeToIdentity } from '../idx/engine.ts';
import type { CliCommand } from './extra-commands.ts';

export const engineCommands: Readonly<Record<string, CliCommand>> = {
  'org:upgrade': (ctx, _args, out) => {
    const { engine } = upgradeToIdentity(ctx.db);
    out(`ENGINE=${engine}`);
  },
  'org:engine': (ctx, _args, out) => {
    out(`ENGINE=${engineOf(ctx.db)}`);
  },
};
