/**
 * Composition root in plain Node (conventions §2): adapters → services → the handler table.
 * The Electron shell and the test bridge both call it, with their own adapters; it alone knows them all.
 */
import type { AppInfoView, EventName, EventPayload, Language } from '../preload/contract.ts';
import { createAuthService, type AuthService } from './auth/auth-service.ts';
import type { FetchLike } from './auth/authn-http.ts';
import { orgImageAsDataUrl, securityImage } from './auth/security-image.ts';
import type { Clock } from './core/clock.ts';
import { toErrorView, type Handlers } from './core/dispatch.ts';
import type { RandomBytes } from './core/random.ts';
import { fail, ok } from './core/result.ts';
import type { Logger } from './core/redact.ts';
import { createLauncher } from './launch/session-cookie-redirect.ts';
import { createHelpOutbox } from './support/help-outbox.ts';
import { createHelpService } from './support/help-service.ts';
import { HelpDraft } from '../preload/contract.ts';
import { parseActivationInput } from './launch/activation-input.ts';
import { createActivation } from './auth/activation.ts';
import { diagnosticsView } from './support/diagnostics.ts';
import { helpRequestBody } from './support/help-request-body.ts';
import type { SettingsStore } from './settings/settings-store.ts';
import type { SecretStore } from './keychain/secret-store.ts';
import { createDesktopAuthenticator } from './totp/desktop-authenticator.ts';
import { otpauthUri } from './totp/otpauth-uri.ts';
import type { MachinePolicy } from './settings/machine-policy.ts';
import type { AppError } from './core/errors.ts';
import { restrictFactors } from './settings/factor-policy.ts';
import { runSelfTest } from './selftest/self-test.ts';
import { parseYubikeyOtp } from './yubikey/otp-shape.ts';
import type { KeyCeremonies } from './yubikey/key-ceremonies.ts';
import type { CeremonyPath } from './yubikey/path-choice.ts';

export interface ComposeDeps {
  readonly orgUrl: string;
  /** True when no org is configured and the embedded local org serves as a training org. */
  readonly trainingOrg: boolean;
  readonly version: string;
  /** Build identity (main/build-info.ts), shown in the help page and sent with diagnostics. */
  readonly build: string;
  readonly updates: AppInfoView['updates'];
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
}

export interface Composition {
  readonly handlers: Handlers;
  readonly auth: AuthService;
  /** Sends queued help requests; the shell calls it at start-up and on a timer. */
  readonly flushHelpOutbox: () => Promise<number>;
  /** An app link (witech-login://activate?token=…) opened the app: redeem it and show the result. */
  readonly openLink: (link: string) => Promise<void>;
}

export function compose(deps: ComposeDeps): Composition {
  const policy = deps.policy ?? {};
  const languageLocked = policy.lockedSettings?.includes('language') === true && policy.language !== undefined;
  const language = { get: (): Language => (languageLocked ? policy.language : undefined) ?? deps.settings.read().language ?? policy.language ?? deps.defaultLanguage };
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
  const auth = createAuthService({
    ...http,
    log: deps.log,
    totpQr: ({ secret, account, digits, period }) => deps.qrDataUrl(otpauthUri({ issuer: 'wiTECH', account, secret, digits, period })),
    imageFromOrg: (href) => orgImageAsDataUrl(deps.fetch, deps.orgUrl, href),
  });
  const activation = createActivation({ ...http, auth, language: () => language.get() });
  const desktop = createDesktopAuthenticator({ allowed: policy.desktopAuthenticator === true, store: deps.secretStore, clock: deps.clock, orgHost, sleep: deps.sleep });
  const currentLogin = () => auth.view().user?.login;
  const launcher = createLauncher({
    destination: () => ({ orgUrl: deps.orgUrl, diagnosticsUrl: deps.diagnosticsUrl }),
    allowedHosts: () => deps.allowedHosts,
    openExternal: deps.openExternal,
    log: deps.log,
  });
  const outbox = createHelpOutbox(`${deps.dataDir}/support`, deps.random);
  const help = createHelpService({ ...http, supportUrl: deps.supportUrl, outbox, log: deps.log });

  const info = (): AppInfoView => {
    const remembered = deps.settings.read().rememberedUsername;
    return {
      version: deps.version,
      build: deps.build,
      keyPath: deps.keyPath.path,
      updates: deps.updates,
      language: language.get(),
      orgHost,
      trainingOrg: deps.trainingOrg,
      ...(driftSeconds === undefined ? {} : { clockDriftSeconds: driftSeconds }),
      ...(remembered === undefined ? {} : { rememberedUsername: remembered }),
      policy: {
        languageLocked,
        desktopAuthenticator: policy.desktopAuthenticator === true,
        ...(policy.supportPhone ? { supportPhone: policy.supportPhone } : {}),
        ...(policy.idleSignOutMinutes ? { idleSignOutMinutes: policy.idleSignOutMinutes } : {}),
      },
      ...(deps.policyError ? { policyError: { code: deps.policyError.code, file: deps.policyError.fields?.[0] ?? '', fields: [...(deps.policyError.fields ?? [])].slice(1) } } : {}),
    };
  };

  /** The installer self-test; its org and clock checks also feed the help request's diagnostics. */
  const selfTest = () =>
    runSelfTest({
      orgUrl: deps.orgUrl,
      fetch: deps.fetch,
      clock: deps.clock,
      policy: deps.policyError ? { ok: false, error: deps.policyError } : ok(deps.policy),
      keychain: () => deps.secretStore.availability(),
      keychainRequired: policy.desktopAuthenticator === true,
      listKeys: deps.listKeys,
      keyPath: deps.keyPath,
    });

  const handlers: Handlers = {
    'app.info': async () => ok(info()),
    'settings.setLanguage': async ({ language: chosen }) => {
      if (languageLocked) return fail('E_SETTINGS_LOCKED');
      deps.settings.update({ language: chosen });
      return ok(info());
    },
    'auth.state': async () => ok(auth.view()),
    'auth.signIn': async ({ username, password, remember }) => {
      const result = await auth.signIn(username, password);
      // Remembered only once the org knows the username, and only if the technician asked.
      if (result.ok && remember !== undefined) deps.settings.update({ rememberedUsername: remember ? username : undefined });
      return result;
    },
    'auth.cancel': () => {
      // Signing out forgets what belongs to this technician's session, the last error included.
      lastErrorCode = undefined;
      return auth.cancel();
    },
    'auth.securityImage': (request) => securityImage(http, request),
    'auth.redeemActivation': async ({ link }) => {
      const parsed = parseActivationInput(link, orgHost);
      return parsed.ok ? activation.redeem(parsed.value.token) : parsed;
    },
    'auth.activationOptions': () => activation.options(),
    'auth.createAccount': (request) => activation.createAccount(request),
    'auth.setPassword': ({ newPassword }) => auth.resetPassword(newPassword),
    'auth.enroll': async ({ kind, otp }) => {
      if (policy.allowedFactors && !policy.allowedFactors.includes(kind)) return fail('E_AUTH_FACTOR_NOT_ALLOWED');
      if (otp === undefined) return auth.enroll(kind);
      const typed = parseYubikeyOtp(otp);
      return typed.ok ? auth.enroll(kind, { passCode: typed.value.otp }) : typed;
    },
    'auth.activate': ({ passCode }) => auth.activate(passCode),
    'auth.poll': () => auth.poll(),
    'auth.verify': async ({ factorId, passCode, otp, answer }) => {
      const typed = otp === undefined ? undefined : parseYubikeyOtp(otp);
      if (typed && !typed.ok) return typed;
      const code = passCode ?? typed?.value.otp;
      return auth.verify(factorId, { ...(code === undefined ? {} : { passCode: code }), ...(answer === undefined ? {} : { answer }) });
    },
    'auth.webauthnActivate': (attestation) => auth.webauthnActivate(attestation),
    'auth.webauthnVerify': ({ factorId, ...assertion }) => auth.webauthnVerify(factorId, assertion),
    'auth.webauthnNative': async ({ factorId }) => {
      let pending = auth.webauthnOptions();
      if (!pending && factorId) {
        // Ask Okta for a challenge first (MFA_REQUIRED → MFA_CHALLENGE), then let the key sign it.
        const challenged = await auth.verify(factorId);
        if (!challenged.ok) return challenged;
        pending = auth.webauthnOptions();
      }
      if (!deps.yubikey || !pending) return fail('E_AUTH_NOT_ALLOWED');
      // The origin is the org's, from the configuration: a page can never choose it (yubikey-hid.md §0).
      const origin = new URL(deps.orgUrl).origin;
      if (pending.kind === 'create') {
        const made = await deps.yubikey.register(pending.options as never, origin);
        return made.ok ? auth.webauthnActivate(made.value.response) : made;
      }
      const signed = await deps.yubikey.sign(pending.options as never, origin);
      const id = factorId ?? auth.view().factor?.id;
      return signed.ok && id ? auth.webauthnVerify(id, signed.value.response) : signed.ok ? fail('E_AUTH_NOT_ALLOWED') : signed;
    },
    'yubikey.plugged': async () => ok({ models: (deps.pluggedKeys?.() ?? []).slice(0, 8) }),
    'yubikey.submitPin': async ({ pin }) => ok({ accepted: deps.answerPin?.(pin) ?? false }),
    'auth.resend': () => auth.resend(),
    'auth.previous': () => auth.previous(),
    'auth.skip': () => auth.skip(),
    'authenticator.status': async () => {
      const status = await desktop.status();
      const login = currentLogin();
      const holdsForUser = login !== undefined && (await desktop.holds(login));
      return ok(status.allowed ? { allowed: true, holdsForUser } : { allowed: false, reason: status.reason, holdsForUser });
    },
    'authenticator.enrollHere': async () => {
      const login = currentLogin();
      const secret = auth.totpSecretInProgress();
      if (!login || !secret) return fail('E_AUTH_NOT_ALLOWED');
      const saved = await desktop.save(login, secret);
      if (!saved.ok) return saved;
      const code = await desktop.fresh(login);
      return code.ok ? auth.activate(code.value) : code;
    },
    'authenticator.current': async () => {
      const login = currentLogin();
      return login ? desktop.current(login) : fail('E_AUTH_NO_TRANSACTION');
    },
    'authenticator.verifyHere': async ({ factorId }) => {
      const login = currentLogin();
      if (!login) return fail('E_AUTH_NO_TRANSACTION');
      const code = await desktop.fresh(login);
      return code.ok ? auth.verify(factorId, { passCode: code.value }) : code;
    },
    'launch.describe': async () => launcher.describe(),
    'launch.open': async () => {
      const grant = auth.takeSessionGrant();
      return grant ? launcher.open(grant.sessionToken) : fail('E_AUTH_NO_TRANSACTION');
    },
    /**
     * "Switch technician" and idle sign-out on a shared PC: the transaction, the session token, the
     * remembered username, the help draft and the last error go; nothing of one technician stays for the next.
     */
    'session.switchTechnician': async () => {
      await auth.cancel();
      deps.settings.update({ rememberedUsername: undefined });
      await outbox.clearDraft();
      lastErrorCode = undefined;
      return ok({ cleared: true });
    },
    'support.loadDraft': async () => {
      const parsed = HelpDraft.safeParse(await outbox.loadDraft());
      return ok(parsed.success ? parsed.data : null);
    },
    'support.saveDraft': async (draft) => {
      await outbox.saveDraft(draft);
      return ok({ saved: true });
    },
    'support.diagnostics': async ({ screenId }) =>
      ok(diagnosticsView({ orgUrl: deps.orgUrl, version: deps.build, platform: deps.platform, keyPath: deps.keyPath, screenId, checks: (await selfTest()).checks, driftSeconds, lastErrorCode })),
    'support.selfTest': async () => ok(await selfTest()),
    'support.requestHelp': async ({ includeDiagnostics, screenId, ...request }) => {
      const diagnostics = includeDiagnostics
        ? diagnosticsView({ orgUrl: deps.orgUrl, version: deps.build, platform: deps.platform, keyPath: deps.keyPath, screenId, checks: (await selfTest()).checks, driftSeconds, lastErrorCode })
        : undefined;
      return help.send(helpRequestBody({ ...request, locale: language.get(), ...(diagnostics ? { diagnostics } : {}) }));
    },
  };

  // The last error code a screen showed goes into the help request's diagnostics. A broken machine
  // policy refuses every call to the org; the installer's factor list trims what enrollment offers.
  const tracked = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      async (request: never) => {
        if (deps.policyError && (name.startsWith('auth.') || name.startsWith('launch.')) && name !== 'auth.state') return { ok: false, error: deps.policyError };
        const raw = await (handler as (request: never) => ReturnType<Handlers['auth.state']>)(request);
        const result = name.startsWith('auth.') ? restrictFactors(raw, policy.allowedFactors) : raw;
        if (!result.ok) lastErrorCode = result.error.code;
        else if (name.startsWith('auth.')) void help.flush();
        return result;
      },
    ]),
  ) as unknown as Handlers;

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

  return { handlers: tracked, auth, flushHelpOutbox: () => help.flush(), openLink };
}
