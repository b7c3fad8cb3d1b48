/**
 * Composition root in plain Node (conventions §2): adapters → services → the handler table.
 * The Electron shell and the test bridge both call it, with their own adapters; it alone knows them all.
 */
import type { AppInfoView, EventName, EventPayload, Language } from '../preload/contract.ts';
import { createAuthService, type AuthService } from './auth/auth-service.ts';
import { createEngineDetector } from './auth/engine-detection.ts';
import { createEngineAwareAuthService } from './auth/engine-aware-auth-service.ts';
import { createIdxAuthService } from './auth/idx/idx-auth-service.ts';
import type { FetchLike } from './auth/authn-http.ts';
import { orgImageAsDataUrl } from './auth/security-image.ts';
import type { Clock } from './core/clock.ts';
import { toErrorView, type Handlers } from './core/dispatch.ts';
import type { RandomBytes } from './core/random.ts';
import type { Logger } from './core/redact.ts';
import { createLauncher } from './launch/hand-off-launcher.ts';
import type { WebAppTarget } from './launch/native-to-web-sso.ts';
import { createHelpOutbox } from './support/help-outbox.ts';
import { createHelpService } from './support/help-service.ts';
import { parseActivationInput } from './launch/activation-input.ts';
import { createActivation } from './auth/activation.ts';
import { diagnosticsView } from './support/diagnostics.ts';
import type { SettingsStore } from './settings/settings-store.ts';
import type { SecretStore } from './keychain/secret-store.ts';
import { createDesktopAuthenticator } from './totp/desktop-authenticator.ts';
import { otpauthUri } from './totp/otpauth-uri.ts';
import type { MachinePolicy } from './settings/machine-policy.ts';
import type { AppError } from './core/errors.ts';
import { createAppSelfTest } from './selftest/app-self-test.ts';
import { createAppInfo, engineSeen } from './app-info.ts';
import type { KeyCeremonies } from './yubikey/key-ceremonies.ts';
import type { CeremonyPath } from './yubikey/path-choice.ts';
import type { HandlerServices } from './handlers/services.ts';
import { appHandlers } from './handlers/app-handlers.ts';
import { signInHandlers } from './handlers/sign-in-handlers.ts';
import { enrollmentHandlers } from './handlers/enrollment-handlers.ts';
import { securityKeyHandlers } from './handlers/security-key-handlers.ts';
import { desktopAuthenticatorHandlers } from './handlers/desktop-authenticator-handlers.ts';
import { sessionHandlers } from './handlers/session-handlers.ts';
import { supportHandlers } from './handlers/support-handlers.ts';
import { gateHandlers } from './handlers/policy-gate.ts';

export interface ComposeDeps {
  readonly orgUrl: string;
  /** True when no org is configured and the embedded local org serves as a training org. */
  readonly trainingOrg: boolean;
  readonly version: string;
  /** Build identity (main/build-info.ts), shown in the help page and sent with diagnostics. */
  readonly build: string;
  readonly updates: AppInfoView['updates'];
  /** Development overrides in force (start-configuration.ts); empty in the packaged app. */
  readonly developmentOverrides?: NonNullable<AppInfoView['developmentOverrides']> | undefined;
  readonly platform: string;
  readonly diagnosticsUrl: string;
  /** Where help requests go: the org's own support desk for the local org, or the configured desk. */
  readonly supportUrl: string;
  readonly allowedHosts: readonly string[];
  readonly dataDir: string;
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly random: RandomBytes;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: Logger;
  readonly settings: SettingsStore;
  /** The OS keychain (keytar in the app and in tests run inside a Secret Service; memory otherwise). */
  readonly secretStore: SecretStore;
  /** The installer's machine policy, if any; it wins over user settings. */
  readonly policy?: MachinePolicy | undefined;
  /** A policy file that could not be used: every sign-in is refused and the app explains why. */
  readonly policyError?: AppError | undefined;
  /** The language to use until the technician picks one (the OS locale). */
  readonly defaultLanguage: Language;
  readonly qrDataUrl: (text: string) => Promise<string>;
  readonly openExternal: (url: string) => Promise<void>;
  /** Main → page events (Electron: webContents.send; the bridge: its WebSocket). */
  /** Where security-key ceremonies run and why (path-choice.ts), and the path's service when main runs them. */
  readonly keyPath: CeremonyPath;
  readonly yubikey?: KeyCeremonies | undefined;
  /** Answers the YubiKey PIN question main asked the page (main/yubikey/pin-request.ts). */
  readonly answerPin?: ((pin: string | null) => boolean) | undefined;
  /** The YubiKey models plugged in now (device-watcher.ts); none where nothing watches. */
  readonly pluggedKeys?: (() => readonly string[]) | undefined;
  /** Lists the YubiKeys this computer sees (node-hid in the app; none in the preview). */
  readonly listKeys: () => Promise<ReadonlyArray<{ product: string }>>;
  readonly emit: <K extends EventName>(event: K, payload: EventPayload<K>) => void;
  /**
   * The app's OIDC client on an Identity Engine org when the policy names none (the embedded org's own
   * native client). Without either, Classic serves every org.
   */
  readonly identityClient?: { readonly clientId: string; readonly redirectUri?: string } | undefined;
  /**
   * The diagnostics web app Native-to-Web SSO opens on an Identity Engine org when the policy names none
   * (the embedded org's built-in "wiTECH diagnostics (local)" app).
   */
  readonly diagnosticsWebApp?: WebAppTarget | undefined;
}

/** RFC 8252 §7.3 loopback redirect: registered for the native client, never listened on (IDX returns the code itself). */
export const LOOPBACK_REDIRECT_URI = 'http://127.0.0.1/callback';

export interface Composition {
  readonly handlers: Handlers;
  readonly auth: AuthService;
  /** Sends queued help requests; the shell calls it at start-up and on a timer. */
  readonly flushHelpOutbox: () => Promise<number>;
  /** An app link (witech-login://activate?token=…) opened the app: redeem it and show the result. */
  readonly openLink: (link: string) => Promise<void>;
  /** The language screens use now (policy lock, the technician's choice, the OS locale). */
  readonly language: () => Language;
}

export function compose(deps: ComposeDeps): Composition {
  const policy = deps.policy ?? {};
  const languageLocked = policy.lockedSettings?.includes('language') === true && policy.language !== undefined;
  const language = { locked: languageLocked, get: (): Language => (languageLocked ? policy.language : undefined) ?? deps.settings.read().language ?? policy.language ?? deps.defaultLanguage };
  const orgHost = new URL(deps.orgUrl).host;
  let driftSeconds: number | undefined;
  let lastErrorCode: string | undefined;
  const http = {
    fetch: deps.fetch,
    clock: deps.clock,
    sleep: deps.sleep,
    orgUrl: deps.orgUrl,
    // The Date header has one-second resolution; drift is reported in whole seconds.
    onServerDate: (serverMs: number, localMs: number) => void (driftSeconds = Math.round((localMs - serverMs) / 1000)),
  };
  const viewDeps = {
    totpQr: ({ secret, account, digits, period }: { secret: string; account: string; digits: number; period: number }) =>
      deps.qrDataUrl(otpauthUri({ issuer: 'wiTECH', account, secret, digits, period })),
    imageFromOrg: (href: string) => orgImageAsDataUrl(deps.fetch, deps.orgUrl, href),
  };
  // The policy's client comes with the policy's redirect URI; the embedded org's with its own.
  const identityClient = policy.clientId ? { clientId: policy.clientId, redirectUri: policy.redirectUri } : deps.identityClient;
  const clientId = identityClient?.clientId;
  const webApp: WebAppTarget | undefined =
    policy.diagnosticsClientId && policy.diagnosticsRedirectUri ? { clientId: policy.diagnosticsClientId, redirectUri: policy.diagnosticsRedirectUri } : deps.diagnosticsWebApp;
  const detector = createEngineDetector({ ...http, pin: policy.engine });
  const identity = clientId
      ? createIdxAuthService({
          ...http,
          ...viewDeps,
          log: deps.log,
          random: deps.random,
          // A hand-off target means the sign-in must be allowed to trade its tokens for it (interclient_access).
          client: { clientId, redirectUri: identityClient?.redirectUri ?? LOOPBACK_REDIRECT_URI, interclientAccess: webApp !== undefined },
        })
      : undefined;
  const auth = createEngineAwareAuthService({ detector, classic: createAuthService({ ...http, ...viewDeps, log: deps.log }), identity, log: deps.log });
  const activation = createActivation({ ...http, auth, language: () => language.get() });
  const desktop = createDesktopAuthenticator({ allowed: policy.desktopAuthenticator === true, store: deps.secretStore, clock: deps.clock, orgHost, sleep: deps.sleep });
  const launcher = createLauncher({
    destination: () => ({ orgUrl: deps.orgUrl, diagnosticsUrl: deps.diagnosticsUrl }),
    allowedHosts: () => deps.allowedHosts,
    webApp: () => webApp,
    kind: () => (auth.activeEngine() === 'identity' ? 'oidc-tokens' : 'session-token'),
    openExternal: deps.openExternal,
    fetch: deps.fetch,
    random: deps.random,
    log: deps.log,
  });
  const outbox = createHelpOutbox(`${deps.dataDir}/support`, deps.random);
  const help = createHelpService({ ...http, supportUrl: deps.supportUrl, outbox, log: deps.log });

  const engine = () => engineSeen(auth, identity);
  const info = createAppInfo({ ...deps, orgHost, policy, language, engine, driftSeconds: () => driftSeconds });
  const selfTest = createAppSelfTest({ ...deps, detector, offeredAuthenticators: () => identity?.offeredAuthenticators() ?? [] });

  const services: HandlerServices = {
    orgUrl: deps.orgUrl,
    orgHost,
    policy,
    policyError: deps.policyError,
    settings: deps.settings,
    secretStore: deps.secretStore,
    log: deps.log,
    http,
    auth,
    activation,
    desktop,
    launcher,
    outbox,
    help,
    keyPath: deps.keyPath,
    yubikey: deps.yubikey,
    answerPin: deps.answerPin,
    pluggedKeys: deps.pluggedKeys,
    emit: deps.emit,
    language,
    info,
    selfTest,
    diagnostics: async (screenId) => ({
      ...diagnosticsView({ orgUrl: deps.orgUrl, version: deps.build, platform: deps.platform, keyPath: deps.keyPath, screenId, checks: (await selfTest()).checks, driftSeconds, lastErrorCode, outbox: await help.status().catch(() => undefined) }),
      ...engine(),
    }),
    lastError: { get: () => lastErrorCode, set: (code) => void (lastErrorCode = code) },
  };

  // Every channel of the contract, by capability; a channel without a handler fails typecheck here.
  const handlers: Handlers = {
    ...appHandlers(services),
    ...signInHandlers(services),
    ...enrollmentHandlers(services),
    ...securityKeyHandlers(services),
    ...desktopAuthenticatorHandlers(services),
    ...sessionHandlers(services),
    ...supportHandlers(services),
  };

  async function openLink(link: string): Promise<void> {
    const parsed = parseActivationInput(link, orgHost);
    if (!parsed.ok) {
      deps.emit('link.refused', toErrorView(parsed.error));
      return;
    }
    const redeemed = await activation.redeem(parsed.value.token);
    if (redeemed.ok) deps.emit('auth.changed', redeemed.value);
    else deps.emit('link.refused', toErrorView(redeemed.error));
  }

  return { handlers: gateHandlers(handlers, services), auth, flushHelpOutbox: () => help.flush(), openLink, language: () => language.get() };
}
