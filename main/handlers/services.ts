/**
 * What the handler modules share: the services compose() builds once, and the facts every capability
 * reads (language, the org, the last error). Each handler module takes this and returns its part of the table.
 */
import type { AppInfoView, DiagnosticsView, EventName, EventPayload, Language } from '../../preload/contract.ts';
import type { createActivation } from '../auth/activation.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { HttpDeps } from '../auth/authn-http.ts';
import type { AppError } from '../core/errors.ts';
import type { Logger } from '../core/redact.ts';
import type { SecretStore } from '../keychain/secret-store.ts';
import type { Launcher } from '../launch/hand-off-launcher.ts';
import type { MachinePolicy } from '../settings/machine-policy.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { runSelfTest } from '../selftest/self-test.ts';
import type { HelpOutbox } from '../support/help-outbox.ts';
import type { HelpService } from '../support/help-service.ts';
import type { DesktopAuthenticator } from '../totp/desktop-authenticator.ts';
import type { KeyCeremonies } from '../yubikey/key-ceremonies.ts';
import type { CeremonyPath } from '../yubikey/path-choice.ts';

export interface HandlerServices {
  readonly orgUrl: string;
  readonly orgHost: string;
  readonly policy: MachinePolicy;
  readonly policyError: AppError | undefined;
  readonly settings: SettingsStore;
  readonly secretStore: SecretStore;
  readonly log: Logger;
  readonly http: HttpDeps & { readonly orgUrl: string };
  readonly auth: AuthService;
  readonly activation: ReturnType<typeof createActivation>;
  readonly desktop: DesktopAuthenticator;
  readonly launcher: Launcher;
  readonly outbox: HelpOutbox;
  readonly help: HelpService;
  readonly keyPath: CeremonyPath;
  readonly yubikey: KeyCeremonies | undefined;
  readonly answerPin: ((pin: string | null) => boolean) | undefined;
  readonly pluggedKeys: (() => readonly string[]) | undefined;
  readonly emit: <K extends EventName>(event: K, payload: EventPayload<K>) => void;
  readonly language: { get(): Language; readonly locked: boolean };
  readonly info: () => AppInfoView;
  readonly selfTest: () => ReturnType<typeof runSelfTest>;
  /** Help-request diagnostics for the screen the technician is on (self-test checks, drift, last error). */
  readonly diagnostics: (screenId: string) => Promise<DiagnosticsView>;
  /** The last error code a screen showed (for diagnostics); a sign-out forgets it. */
  readonly lastError: { get(): string | undefined; set(code: string | undefined): void };
}
