/**
 * The local org: an Okta-compatible identity service (classic Authentication API, Users and Factors
 * APIs, session hand-off) backed by SQLite. It is the embedded default org of the desktop app and the
 * backend of every test (ARCHITECTURE rule 6). Start it with startLocalOrg(); the CLI wraps it.
 */
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import { cryptoRandom, type RandomBytes } from '../core/random.ts';
import { silentLogger, type Logger } from '../core/redact.ts';
import { DEFAULT_POLICY, type OrgContext, type OrgPolicy } from './org-context.ts';
import { openDatabase } from './store/database.ts';
import { setMeta } from './store/meta-store.ts';
import { createRateLimiter } from './security/rate-limiter.ts';
import { opaqueToken } from './security/secret-token.ts';
import { createMailer } from './mail/mailer.ts';
import { createRouter } from './http/router.ts';
import { listenLoopback } from './http/loopback-listener.ts';
import { allRoutes } from './routes.ts';
import { seedDemoOrg, type DemoUser } from './demo-seed.ts';

export interface LocalOrgOptions {
  dataDir: string;
  /** 0 (default) = any free port. */
  port?: number;
  clock?: Clock;
  /** Seed the demo users if the database has never been seeded. */
  seedDemo?: boolean;
  smtp?: { host: string; port: number };
  /** WebAuthn origins accepted in clientDataJSON; default: the org's own origin. */
  expectedOrigins?: string[];
  /** Where /login/sessionCookieRedirect may redirect (origins or URL prefixes); the org's /diagnostics is always allowed. */
  redirectAllowList?: string[];
  log?: Logger;
  /** Org policy overrides (lockout threshold, token lifetimes, hash cost: tests use cheaper scrypt). */
  policy?: Partial<OrgPolicy>;
  random?: RandomBytes;
}

export interface LocalOrg {
  /** `http://localhost:<port>` */
  readonly url: string;
  /** Okta API token for `Authorization: SSWS <adminToken>`; valid while this server runs. */
  readonly adminToken: string;
  /** Users seeded on this start (empty unless seedDemo and the database was fresh). */
  readonly seeded: readonly DemoUser[];
  close(): Promise<void>;
}

export async function startLocalOrg(options: LocalOrgOptions): Promise<LocalOrg> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const log = options.log ?? silentLogger;
  const db = openDatabase(options.dataDir);
  let url = '';
  const ctx: OrgContext = {
    db,
    clock,
    random,
    log,
    policy: { ...DEFAULT_POLICY, ...(options.policy ?? {}) },
    limiter: createRateLimiter(clock),
    mailer: createMailer({ db, dataDir: options.dataDir, clock, log, smtp: options.smtp }),
    dataDir: options.dataDir,
    url: () => url,
    redirectAllowList: () => [`${url}/diagnostics`, ...(options.redirectAllowList ?? [])],
    expectedOrigins: () => options.expectedOrigins ?? [url],
  };
  const adminToken = opaqueToken(random, '00', 30);
  const handler = createRouter(allRoutes(ctx, adminToken), log, () => url || 'http://localhost');
  let listener;
  try {
    listener = await listenLoopback((req, res) => void handler(req, res), options.port ?? 0);
  } catch (error: unknown) {
    db.close();
    throw error;
  }
  url = `http://localhost:${listener.port}`;
  setMeta(db, 'url', url);
  const seeded = options.seedDemo ? await seedDemoOrg(ctx) : [];
  log.info('local-org.started', { url });
  let closed = false;
  return {
    url,
    adminToken,
    seeded,
    async close() {
      if (closed) return;
      closed = true;
      await listener.close();
      await ctx.mailer.close();
      db.close();
    },
  };
}
