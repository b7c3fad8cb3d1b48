/**
 * The apps every local org has from its first start: Garage Sign-In's own native client (interaction
 * code, refresh tokens, the Native-to-Web token exchange) and a "wiTECH diagnostics" web app standing
 * in for the web application the hand-off opens, which allows the native client's interclient tokens.
 * Their ids are kept in meta; the web app's redirect URI follows the org's URL, which changes with
 * the port.
 */
import type { OrgContext } from '../org-context.ts';
import { inTransaction } from '../store/database.ts';
import { getMeta, setMeta } from '../store/meta-store.ts';
import { allowInterclient, appSettings, findApp, TOKEN_EXCHANGE, updateAppSettings } from './app-store.ts';
import { createApp } from './app-admin.ts';
import { signingKey } from './signing-key.ts';
import { orgId } from '../idx/engine-routes.ts';

/** Garage Sign-In's deep-link scheme (main/launch/deep-link-argv.ts), named here so the org never imports the app. */
export const NATIVE_REDIRECT_URI = 'witech-login:/callback';
/**
 * The loopback redirect URI (RFC 8252 §7.3) the app's Identity Engine client registers and never listens
 * on: IDX hands the interaction code back in its last reply. Named here so the org never imports the app.
 */
export const NATIVE_LOOPBACK_REDIRECT_URI = 'http://127.0.0.1/callback';
export const NATIVE_LOGOUT_URI = 'witech-login:/logout';
export const DIAGNOSTICS_CALLBACK_PATH = '/diagnostics/callback';

export interface BuiltInClients {
  /** Garage Sign-In's client id. */
  readonly native: string;
  /** The diagnostics web app's client id (target of Native-to-Web SSO). */
  readonly diagnostics: string;
}

export function ensureBuiltInApps(ctx: OrgContext): BuiltInClients {
  // Made now, outside any request: token grants read them inside their own write transactions.
  signingKey(ctx);
  orgId(ctx);
  let native = getMeta(ctx.db, 'oauth.native-client');
  if (!native || !findApp(ctx.db, native)) {
    native = createApp(ctx, {
      label: 'Garage Sign-In',
      signOnMode: 'OPENID_CONNECT',
      settings: {
        oauthClient: {
          redirect_uris: [NATIVE_REDIRECT_URI, NATIVE_LOOPBACK_REDIRECT_URI],
          post_logout_redirect_uris: [NATIVE_LOGOUT_URI],
          response_types: ['code'],
          grant_types: ['authorization_code', 'interaction_code', 'refresh_token', TOKEN_EXCHANGE],
          application_type: 'native',
        },
      },
    }).app.id;
    const id = native;
    inTransaction(ctx.db, () => setMeta(ctx.db, 'oauth.native-client', id));
  } else {
    // A folder from before the loopback URI was registered gets it added.
    const app = findApp(ctx.db, native);
    const settings = app ? appSettings(app) : undefined;
    if (app && settings && !settings.redirect_uris.includes(NATIVE_LOOPBACK_REDIRECT_URI)) {
      inTransaction(ctx.db, () => updateAppSettings(ctx.db, app.id, { ...settings, redirect_uris: [...settings.redirect_uris, NATIVE_LOOPBACK_REDIRECT_URI] }, ctx.clock.nowMs()));
    }
  }
  const callback = `${ctx.url()}${DIAGNOSTICS_CALLBACK_PATH}`;
  let diagnostics = getMeta(ctx.db, 'oauth.diagnostics-client');
  const existing = diagnostics ? findApp(ctx.db, diagnostics) : undefined;
  if (!diagnostics || !existing) {
    diagnostics = createApp(ctx, {
      label: 'wiTECH diagnostics (local)',
      signOnMode: 'OPENID_CONNECT',
      settings: {
        oauthClient: {
          redirect_uris: [callback],
          post_logout_redirect_uris: [`${ctx.url()}/diagnostics`],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          application_type: 'web',
        },
      },
    }).app.id;
    const id = diagnostics;
    inTransaction(ctx.db, () => setMeta(ctx.db, 'oauth.diagnostics-client', id));
  } else if (!appSettings(existing).redirect_uris.includes(callback)) {
    const settings = appSettings(existing);
    inTransaction(ctx.db, () =>
      updateAppSettings(ctx.db, existing.id, { ...settings, redirect_uris: [callback], post_logout_redirect_uris: [`${ctx.url()}/diagnostics`] }, ctx.clock.nowMs()),
    );
  }
  const target = diagnostics;
  const origin = native;
  inTransaction(ctx.db, () => allowInterclient(ctx.db, target, origin));
  return { native, diagnostics };
}
