/**
 * The one start-up (ARCHITECTURE "two shells, one start-up"): everything the app does between a shell's
 * adapters and a running app. The Electron entry, the browser shell, the preview and every test start here,
 * so the wiring technicians run is the wiring the tests run. Order: machine policy → configuration →
 * embedded org when none is configured → security keys → composition → dispatch → `--selftest` or the
 * running app (activation links, help-outbox timer, updates). stop() undoes it in reverse.
 */
import { readdir } from 'node:fs/promises';
import QRCode from 'qrcode';
import type { Language } from '../../preload/contract.ts';
import { resolveAppConfig, type AppConfig } from '../app-config.ts';
import { buildInfo, describeBuild } from '../build-info.ts';
import { compose, type Composition } from '../compose.ts';
import { createDispatch, type Dispatch } from '../core/dispatch.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/redact.ts';
import { startLocalOrg, type LocalOrg } from '../local-org/server.ts';
import type { OrgEngine } from '../local-org/idx/engine.ts';
import { DIAGNOSTICS_CALLBACK_PATH } from '../local-org/oauth/builtin-apps.ts';
import type { OrgPolicy } from '../local-org/org-context.ts';
import { renderReport } from '../selftest/self-test.ts';
import { decideUpdates, isMsiInstall, type UpdateDecision } from '../update/update-policy.ts';
import { startKeyStack, type KeyStack } from './key-stack.ts';
import type { Platform } from './platform.ts';
import { DEVELOPMENT_OVERRIDES, readStartConfiguration, type PolicyLoader, type StartConfiguration } from './start-configuration.ts';

/** The embedded org's own knobs; the shells use the defaults, tests and the preview set some. */
export interface EmbeddedOrgOptions {
  readonly port?: number | undefined;
  /** The org's clock: tests move it (TOTP steps, expiry) while the app keeps the workstation's. */
  readonly clock?: Clock | undefined;
  /** Seed the demo users on the first start (default: yes, the training org's accounts). */
  readonly seedDemo?: boolean | undefined;
  /** The demo support account keeps the README's password (the preview only); elsewhere it is random, read with `org -- support:password`. */
  readonly publishedDemoPasswords?: boolean | undefined;
  readonly policy?: Partial<OrgPolicy> | undefined;
  readonly log?: Logger | undefined;
  /** Pages other than the org's own whose WebAuthn the org accepts (the browser shell's page origin). */
  readonly trustedOrigins?: readonly string[] | undefined;
  /** Okta engine of a fresh org folder (default classic); an existing folder keeps its own and a mismatch is refused. */
  readonly engine?: OrgEngine | undefined;
}

export interface StartOptions {
  /** The app's own page origins, for the dispatch's sender check (Electron: app://garage; the browser shell: its URL). */
  readonly appOrigins: readonly string[];
  /** Main runs security-key ceremonies itself (default: in Electron only; a browser-shell test with USB keys sets it). */
  readonly mainRunsKeys?: boolean | undefined;
  readonly watchIntervalMs?: number | undefined;
  readonly org?: EmbeddedOrgOptions | undefined;
  /** How a policy file is read (tests give the packaged app's fixed path an in-memory file system). */
  readonly policyLoader?: PolicyLoader | undefined;
}

export interface RunningApp {
  readonly config: AppConfig;
  readonly startConfiguration: StartConfiguration;
  readonly composition: Composition;
  readonly dispatch: Dispatch;
  readonly org: LocalOrg | undefined;
  readonly keys: KeyStack;
  readonly updates: UpdateDecision;
  /** An activation link (first launch, a second instance, macOS open-url, the browser shell). */
  openLink(link: string): Promise<void>;
  /** Stops, in order: help-outbox timer, updates, key watcher, embedded org. Safe to call twice. */
  stop(): Promise<void>;
}

export type StartOutcome =
  | { readonly kind: 'running'; readonly app: RunningApp }
  /** `--selftest` ran, or the configuration is unusable: everything started was stopped and exit() was called. */
  | { readonly kind: 'exited'; readonly code: number };

const HELP_OUTBOX_INTERVAL_MS = 60_000;

export async function startApp(platform: Platform, options: StartOptions): Promise<StartOutcome> {
  const log = platform.log;
  const startConfiguration = await readStartConfiguration(platform, options.policyLoader);
  if (startConfiguration.overrides.length > 0) log.warn('start.development_overrides', { overrides: startConfiguration.overrides });
  const org = startConfiguration.configured.orgUrl ? undefined : await startEmbeddedOrg(platform, options.org);
  const resolved = resolveAppConfig(startConfiguration.configured, org?.url);
  if (!resolved.ok) {
    platform.reportFatal(`Invalid configuration: ${(resolved.error.fields ?? []).join(', ')}`);
    await org?.close();
    platform.exit(2);
    return { kind: 'exited', code: 2 };
  }
  const config = resolved.value;
  const policy = startConfiguration.policy;

  const beside = platform.paths.executableDir ? await readdir(platform.paths.executableDir).catch(() => [] as string[]) : [];
  const updates = decideUpdates({ isPackaged: platform.isPackaged, policy, msiInstall: isMsiInstall(platform.os, beside), online: true });
  // The OS WebAuthn window speaks the technician's language; the composition knows it once it exists.
  const language: { get: () => Promise<Language> } = { get: async () => 'fr' };
  const keys = await startKeyStack(platform, { mainRunsKeys: options.mainRunsKeys ?? platform.host === 'electron', watchIntervalMs: options.watchIntervalMs, language: () => language.get() }).catch(
    async (error: unknown) => {
      // The embedded org holds a port and its database open: a failed key set-up must not leave them behind.
      await org?.close();
      throw error;
    },
  );
  const composition = compose({
    ...config,
    version: platform.version,
    build: describeBuild(buildInfo()),
    updates: updates.action === 'none' ? updates.reason : updates.action === 'check' ? 'auto' : 'offline',
    developmentOverrides: startConfiguration.overrides.map((name) => DEVELOPMENT_OVERRIDES[name]),
    platform: platform.platformLabel,
    dataDir: platform.paths.appData,
    random: platform.random,
    listKeys: keys.listKeys,
    pluggedKeys: keys.pluggedKeys,
    keyPath: keys.keyPath,
    yubikey: keys.ceremonies,
    answerPin: keys.answerPin,
    openExternal: platform.openExternal,
    emit: platform.sendEvent,
    fetch: platform.fetch,
    clock: platform.clock,
    sleep: platform.sleep,
    log,
    settings: platform.settings,
    secretStore: platform.secretStore,
    policy,
    policyError: startConfiguration.policyError,
    defaultLanguage: platform.osLocale.toLowerCase().startsWith('fr') ? 'fr' : 'en',
    qrDataUrl: (text) => QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
    // On the embedded org, Garage Sign-In's own native client (loopback redirect) serves its Identity Engine.
    identityClient: org ? { clientId: org.clients.native } : undefined,
    // …and its built-in diagnostics web app is where Native-to-Web SSO lands.
    diagnosticsWebApp: org ? { clientId: org.clients.diagnostics, redirectUri: `${org.url}${DIAGNOSTICS_CALLBACK_PATH}` } : undefined,
  });
  language.get = async () => composition.language();
  const appOrigins = options.appOrigins;
  const dispatch = createDispatch(composition.handlers, (sender) => sender.isAppWindow && sender.isMainFrame && appOrigins.includes(sender.origin), log);

  const stops: Array<[string, () => unknown]> = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const [step, undo] of stops.reverse()) {
      await undo();
      log.info('app.stopped', { step });
    }
  };
  if (org) stops.push(['embedded-org', () => org.close()]);
  stops.push(['key-watcher', () => keys.stop()]);

  // `garage-signin --selftest`: the installer's check, printed, then the exit code deployment tools read.
  if (platform.argv.includes('--selftest')) {
    const report = await composition.handlers['support.selfTest']({});
    const passed = report.ok && report.value.ok;
    platform.print(`Garage Sign-In ${describeBuild(buildInfo())}`);
    platform.print(report.ok ? renderReport(report.value) : `self-test could not run: ${report.error.code}`);
    await stop();
    const code = passed ? 0 : 1;
    platform.exit(code);
    return { kind: 'exited', code };
  }

  const stopUpdates = platform.startUpdates?.(updates);
  if (stopUpdates) stops.push(['updates', stopUpdates]);
  // Help requests typed while offline go out as soon as the org answers again.
  void composition.flushHelpOutbox().catch((error: unknown) => log.warn('support.flush_failed', { error }));
  const flushTimer = platform.timers.setInterval(() => void composition.flushHelpOutbox().catch((error: unknown) => log.warn('support.flush_failed', { error })), HELP_OUTBOX_INTERVAL_MS);
  stops.push(['help-outbox-timer', () => platform.timers.clearInterval(flushTimer)]);
  log.info('app.started', { host: platform.host, packaged: platform.isPackaged, trainingOrg: config.trainingOrg, keyPath: keys.keyPath.path, updates: updates.action });

  return {
    kind: 'running',
    app: { config, startConfiguration, composition, dispatch, org, keys, updates, openLink: (link) => composition.openLink(link), stop },
  };
}

async function startEmbeddedOrg(platform: Platform, options: EmbeddedOrgOptions = {}): Promise<LocalOrg> {
  // The page's origin and the org's own are the WebAuthn origins the org accepts; the org's URL is known once it listens.
  const expectedOrigins = [...(options.trustedOrigins ?? [])];
  const org = await startLocalOrg({
    dataDir: platform.paths.orgData,
    port: options.port ?? 0,
    seedDemo: options.seedDemo ?? true,
    publishedDemoPasswords: options.publishedDemoPasswords === true,
    log: options.log ?? platform.log,
    random: platform.random,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.engine ? { engine: options.engine } : {}),
    expectedOrigins,
  });
  expectedOrigins.push(org.url);
  return org;
}
