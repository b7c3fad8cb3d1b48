/**
 * The local org: an Okta-compatible identity service (classic Authentication API, Users and Factors
 * APIs, session hand-off) backed by SQLite. It is the embedded default org of the desktop app and the
 * backend of every test (ARCHITECTURE rule 6). Start it with startLocalOrg(); the CLI wraps it.
 */
import type { Clock } from '../core/clock.ts';
import type { RandomBytes } from '../core/random.ts';
import type { Logger } from '../core/redact.ts';
import type { OrgPolicy } from './org-context.ts';
import { createOrgRuntime } from './org-runtime.ts';
import { inTransaction } from './store/database.ts';
import { setMeta } from './store/meta-store.ts';
import { opaqueToken } from './security/secret-token.ts';
import { createRouter } from './http/router.ts';
import { ownOrigins } from './http/request-guard.ts';
import { activeOriginsWithScope } from './store/trusted-origin-store.ts';
import { listenLoopback, type LoopbackListener } from './http/loopback-listener.ts';
import { allRoutes } from './routes.ts';
import { findImagesDir } from './login/security-images.ts';
import { seedDemoOrg, type DemoUser } from './demo-seed.ts';
import { engineOf, settleEngine, type OrgEngine } from './idx/engine.ts';
import { ensureBuiltInApps, type BuiltInClients } from './oauth/builtin-apps.ts';
import type { OrgCalls } from './call-counter.ts';

export interface LocalOrgOptions {
  dataDir: string;
  /** 0 (default) = any free port. */
  port?: number;
  clock?: Clock;
  /** Seed the demo users if the database has never been seeded. */
  seedDemo?: boolean;
  /**
   * Give the demo support-desk admin the README's published password (the browser preview only).
   * Default false: it gets a random one that `npm run org -- support:password` prints.
   */
  publishedDemoPasswords?: boolean;
  smtp?: { host: string; port: number } | undefined;
  /** WebAuthn origins accepted in clientDataJSON; default: the org's own origin. */
  expectedOrigins?: string[];
  /** Where /login/sessionCookieRedirect may redirect (origins or URL prefixes); the org's /diagnostics is always allowed. */
  redirectAllowList?: string[];
  log?: Logger;
  /** Org policy overrides (lockout threshold, token lifetimes, hash cost: tests use cheaper scrypt). */
  policy?: Partial<OrgPolicy>;
  random?: RandomBytes;
  /** Folder holding `security-images/` (packaged app: its resources folder); found automatically from the source tree. */
  resourcesDir?: string;
  /**
   * Okta engine of a fresh data folder (default classic). An existing folder keeps its stored engine;
   * asking for the other one throws EngineMismatchError (upgrade with `POST /api/v1/org/upgrade`).
   */
  engine?: OrgEngine;
}

export interface LocalOrg {
  /** `http://localhost:<port>` */
  readonly url: string;
  /** Okta API token for `Authorization: SSWS <adminToken>`; valid while this server runs. */
  readonly adminToken: string;
  /** Users seeded on this start (empty unless seedDemo and the database was fresh). */
  readonly seeded: readonly DemoUser[];
  /** Client ids of the apps registered at first start: Garage Sign-In (native) and the diagnostics web app. */
  readonly clients: BuiltInClients;
  /** The engine the org runs now (an upgrade while running changes it). */
  engine(): OrgEngine;
  /** IDX calls per OAuth client and Authn calls served since this start (call-counter.ts). */
  calls(): OrgCalls;
  close(): Promise<void>;
}

export async function startLocalOrg(options: LocalOrgOptions): Promise<LocalOrg> {
  const runtime = createOrgRuntime(options);
  const { ctx } = runtime;
  try {
    settleEngine(ctx.db, options.engine);
  } catch (error: unknown) {
    await runtime.close();
    throw error;
  }
  let url = '';
  let port = -1;
  const adminToken = opaqueToken(ctx.random, '00', 30);
  const handler = createRouter(allRoutes(ctx, adminToken, findImagesDir(options.resourcesDir)), ctx.log, () => url || 'http://localhost', {
    port: () => port,
    // Browsers may change state from the org's own pages, the WebAuthn origins the app was started
    // with (its renderer), and the origins an admin trusted (Okta's Trusted Origins, CORS scope).
    trustedOrigins: () => [...ownOrigins(port), ...ctx.expectedOrigins(), ...activeOriginsWithScope(ctx.db, 'CORS')],
  });
  let listener: LoopbackListener;
  try {
    listener = await listenLoopback((req, res) => void handler(req, res), options.port ?? 0);
  } catch (error: unknown) {
    await runtime.close();
    throw error;
  }
  port = listener.port;
  url = `http://localhost:${listener.port}`;
  runtime.setUrl(url);
  inTransaction(ctx.db, () => setMeta(ctx.db, 'url', url));
  const clients = ensureBuiltInApps(ctx);
  const seeded = options.seedDemo ? await seedDemoOrg(ctx, { publishedPasswords: options.publishedDemoPasswords === true }) : [];
  ctx.log.info('local-org.started', { url });
  let closed = false;
  return {
    url,
    adminToken,
    seeded,
    clients,
    engine: () => engineOf(ctx.db),
    calls: () => ctx.calls.snapshot(),
    async close() {
      if (closed) return;
      closed = true;
      await listener.close();
      await runtime.close();
    },
  };
}
