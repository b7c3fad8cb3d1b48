/**
 * Builds the org's context (database, mailer, limiter, policy) for the HTTP server and for the CLI,
 * which works on the same data folder directly (SQLite WAL lets both run at once).
 */
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import { cryptoRandom, type RandomBytes } from '../core/random.ts';
import { silentLogger, type Logger } from '../core/redact.ts';
import { DEFAULT_POLICY, type OrgContext, type OrgPolicy } from './org-context.ts';
import { openDatabase } from './store/database.ts';
import { createRateLimiter } from './security/rate-limiter.ts';
import { createMailer } from './mail/mailer.ts';
import { createCallCounter } from './call-counter.ts';

export interface RuntimeOptions {
  readonly dataDir: string;
  readonly clock?: Clock | undefined;
  readonly random?: RandomBytes | undefined;
  readonly log?: Logger | undefined;
  readonly policy?: Partial<OrgPolicy> | undefined;
  readonly smtp?: { host: string; port: number } | undefined;
  readonly redirectAllowList?: readonly string[] | undefined;
  readonly expectedOrigins?: readonly string[] | undefined;
}

export interface OrgRuntime {
  readonly ctx: OrgContext;
  /** Called once the public URL is known (server) or read from the database (CLI). */
  setUrl(url: string): void;
  close(): Promise<void>;
}

export function createOrgRuntime(options: RuntimeOptions): OrgRuntime {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const db = openDatabase(options.dataDir);
  let url = '';
  const ctx: OrgContext = {
    db,
    clock,
    random: options.random ?? cryptoRandom,
    log,
    policy: { ...DEFAULT_POLICY, ...(options.policy ?? {}) },
    limiter: createRateLimiter(clock),
    mailer: createMailer({ db, dataDir: options.dataDir, clock, log, smtp: options.smtp }),
    dataDir: options.dataDir,
    url: () => url,
    // The org's own /diagnostics page is always a trusted destination (it stands in for wiTECH).
    redirectAllowList: () => [`${url}/diagnostics`, ...(options.redirectAllowList ?? [])],
    expectedOrigins: () => options.expectedOrigins ?? [url],
    calls: createCallCounter(),
  };
  return {
    ctx,
    setUrl(value) {
      url = value;
    },
    async close() {
      await ctx.mailer.close();
      db.close();
    },
  };
}
