/**
 * The app in a browser: the browser shell's server, then the shared start-up with the shell's adapters,
 * then the dispatch attached to the shell. `npm run preview` and every e2e test start here.
 */
import type { Logger } from '../core/redact.ts';
import { startApp, type EmbeddedOrgOptions, type RunningApp } from '../start/start-app.ts';
import { browserPlatform, type BrowserPlatformOptions } from './browser-platform.ts';
import { startBrowserShellServer, type BrowserShellServer } from './browser-shell-server.ts';

export interface BrowserAppOptions extends Omit<BrowserPlatformOptions, 'emit' | 'log'> {
  readonly rendererDir: string;
  readonly port?: number | undefined;
  readonly log: Logger;
  readonly org?: EmbeddedOrgOptions | undefined;
  /** Main runs security-key ceremonies itself (a test that gives it USB keys or the OS window). */
  readonly mainRunsKeys?: boolean | undefined;
  readonly watchIntervalMs?: number | undefined;
}

export interface BrowserApp {
  readonly shell: BrowserShellServer;
  readonly app: RunningApp;
  /** The shell first (no new page requests), then the app in its own order. */
  close(): Promise<void>;
}

export async function startBrowserApp(options: BrowserAppOptions): Promise<BrowserApp> {
  const shell = await startBrowserShellServer({ rendererDir: options.rendererDir, port: options.port, log: options.log });
  let exitCode: number | undefined;
  const platform = browserPlatform({
    ...options,
    emit: (event, payload) => shell.emit(event, payload),
    exit: (code) => {
      exitCode = code;
      options.exit?.(code);
    },
  });
  const outcome = await startApp(platform, {
    appOrigins: shell.origins,
    mainRunsKeys: options.mainRunsKeys ?? options.osWebauthnWindow !== undefined,
    watchIntervalMs: options.watchIntervalMs,
    org: { ...options.org, trustedOrigins: shell.origins },
  }).catch(async (error: unknown) => {
    await shell.close();
    throw error;
  });
  if (outcome.kind === 'exited') {
    await shell.close();
    throw new Error(`the app stopped at start (exit code ${exitCode ?? outcome.code})`);
  }
  const app = outcome.app;
  shell.attach(app.dispatch);
  return {
    shell,
    app,
    async close() {
      await shell.close();
      await app.stop();
    },
  };
}
