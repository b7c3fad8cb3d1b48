/**
 * The org's command line (`npm run org -- <command> --data <dir> …`), for installers, support and
 * tests. stdout carries only the documented KEY=value lines (and tab-separated listings); anything
 * for humans goes to stderr. Exit codes: 0 done, 1 failed, 2 usage error.
 *
 *   serve --data <dir> [--port <n>] [--smtp host:port] [--no-seed]
 *         → LOCAL_ORG_URL=http://localhost:<port>, then LOCAL_ORG_ADMIN_TOKEN=<token>; SIGTERM stops it
 *   user:create --data <dir> --email <e> --first <f> --last <l> [--locale fr|en] [--password <p>] → ACTIVATION_URL=<url>
 *   user:reset-factors --data <dir> --email <e> [--no-email] → FACTORS_RESET=<n>
 *   user:unlock --data <dir> --email <e> [--no-email]      → UNLOCKED=<login>
 *   user:list --data <dir>                                  → login, status, locale, factors (tab-separated)
 *   request:list, request:resolve, yubikey:add, admin:grant → see cli/extra-commands.ts
 *   serve … [--engine classic|identity]; org:upgrade, org:engine, app:create, app:list → see cli/engine-commands.ts
 */
import { systemClock } from '../core/clock.ts';
import { createLogger } from '../core/redact.ts';
import { createOrgRuntime } from './org-runtime.ts';
import { getMeta } from './store/meta-store.ts';
import { startLocalOrg } from './server.ts';
import { parseArgs, optional, required, UsageError, type CliArgs } from './cli/args.ts';
import { userCreate, userList, userResetFactors, userUnlock } from './cli/user-commands.ts';
import { extraCommands } from './cli/extra-commands.ts';
import { engineCommands } from './cli/engine-commands.ts';
import { isEngine } from './idx/engine.ts';

/** Port used when `serve` gets no --port, and the URL other commands assume before any serve. */
export const DEFAULT_PORT = 8710;

const out = (line: string) => process.stdout.write(`${line}\n`);
const log = createLogger((line) => process.stderr.write(`${line}\n`));

function smtpOf(args: CliArgs): { host: string; port: number } | undefined {
  const value = optional(args, 'smtp');
  if (!value) return undefined;
  const [host, port] = value.split(':');
  if (!host || !port || !Number.isInteger(Number(port))) throw new UsageError('--smtp must be host:port');
  return { host, port: Number(port) };
}

async function serve(args: CliArgs): Promise<void> {
  const port = Number(optional(args, 'port') ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
  const engine = optional(args, 'engine');
  if (engine !== undefined && !isEngine(engine)) throw new UsageError('--engine must be classic or identity');
  const org = await startLocalOrg({ dataDir: required(args, 'data'), port, seedDemo: args.flags.get('no-seed') !== true, smtp: smtpOf(args), log, ...(engine ? { engine } : {}) });
  out(`LOCAL_ORG_URL=${org.url}`);
  out(`LOCAL_ORG_ADMIN_TOKEN=${org.adminToken}`);
  out(`LOCAL_ORG_ENGINE=${org.engine()}`);
  out(`LOCAL_ORG_CLIENT_ID=${org.clients.native}`);
  out(`LOCAL_ORG_DIAGNOSTICS_CLIENT_ID=${org.clients.diagnostics}`);
  for (const user of org.seeded) {
    const extras = [user.password && `password=${user.password}`, user.totpSecret && `totpSecret=${user.totpSecret}`, user.activationUrl && `activationUrl=${user.activationUrl}`];
    out(`DEMO_USER=${user.login} status=${user.status} ${extras.filter(Boolean).join(' ')}`.trimEnd());
  }
  await new Promise<void>((resolve) => {
    const stop = () => void org.close().then(resolve);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

async function offline(args: CliArgs, run: (ctx: ReturnType<typeof createOrgRuntime>['ctx']) => Promise<void> | void): Promise<void> {
  const runtime = createOrgRuntime({ dataDir: required(args, 'data'), clock: systemClock, log, smtp: smtpOf(args) });
  runtime.setUrl(optional(args, 'url') ?? getMeta(runtime.ctx.db, 'url') ?? `http://localhost:${DEFAULT_PORT}`);
  try {
    await run(runtime.ctx);
  } finally {
    await runtime.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'serve':
      await serve(args);
      return 0;
    case 'user:create':
      await offline(args, (ctx) => userCreate(ctx, args, out));
      return 0;
    case 'user:reset-factors':
      await offline(args, (ctx) => userResetFactors(ctx, args, out));
      return 0;
    case 'user:unlock':
      await offline(args, (ctx) => userUnlock(ctx, args, out));
      return 0;
    case 'user:list':
      await offline(args, (ctx) => userList(ctx, out));
      return 0;
    default: {
      const extra = extraCommands[args.command] ?? engineCommands[args.command];
      if (!extra) throw new UsageError(`unknown command "${args.command}"`);
      await offline(args, (ctx) => extra(ctx, args, out));
      return 0;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof UsageError;
    const okta = error as { code?: string; causes?: { errorSummary: string }[] };
    process.stderr.write(`${usage ? 'usage: ' : 'error: '}${error instanceof Error ? error.message : String(error)}${okta.causes?.length ? ` (${okta.causes.map((c) => c.errorSummary).join('; ')})` : ''}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
