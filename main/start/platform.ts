/**
 * What a shell gives the shared start-up (ARCHITECTURE "two shells, one start-up"): the world as ports.
 * The Electron entry fills it with Electron's adapters; the browser shell with its own; tests with fakes.
 * Nothing here is Electron: a port that only Electron can fill is optional, and its absence is a fact
 * the start-up acts on (no OS WebAuthn window → no Windows non-admin key path; no updater → no updates).
 */
import type { EventName, EventPayload } from '../../preload/contract.ts';
import type { FetchLike } from '../auth/authn-http.ts';
import type { Clock } from '../core/clock.ts';
import type { RandomBytes } from '../core/random.ts';
import type { Logger } from '../core/redact.ts';
import type { SecretStore } from '../keychain/secret-store.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { UpdateDecision } from '../update/update-policy.ts';
import type { HidDevice } from '../yubikey/hid/hid-port.ts';
import type { OsWebauthnWindow } from '../yubikey/os-webauthn.ts';
import type { HidDeviceInfo } from '../yubikey/yubikey-service.ts';
import type { Language } from '../../preload/contract.ts';

export type EventSender = <K extends EventName>(event: K, payload: EventPayload<K>) => void;

/** USB HID as node-hid gives it: enumeration without opening, and opening one interface by path. */
export interface HidAccess {
  readonly enumerate: () => Promise<readonly HidDeviceInfo[]>;
  readonly open: (path: string) => Promise<HidDevice>;
}

export interface Timers {
  readonly setInterval: (fn: () => void, ms: number) => unknown;
  readonly clearInterval: (handle: unknown) => void;
}

export interface Platform {
  /** Which shell runs the app: decides where security-key ceremonies can run (path-choice.ts). */
  readonly host: 'electron' | 'browser';
  /** The OS the key path and the policy location follow (process.platform; a test may play another). */
  readonly os: NodeJS.Platform;
  /** The packaged app honours no environment override and no policy file a user could own. */
  readonly isPackaged: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly argv: readonly string[];
  readonly version: string;
  /** "linux 6.1.0 x64": for diagnostics and the self-test. */
  readonly platformLabel: string;
  /** The OS locale (Electron's app.getLocale(), the browser's LANG): the language until one is chosen. */
  readonly osLocale: string;
  readonly paths: {
    /** The app's own data: settings, the help outbox and draft. */
    readonly appData: string;
    /** The embedded org's database and outbox, when the app starts one. */
    readonly orgData: string;
    /** The folder of the running executable (an MSI install leaves its marker there); none in the preview. */
    readonly executableDir?: string | undefined;
  };
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: RandomBytes;
  readonly timers: Timers;
  readonly log: Logger;
  /** The console of whoever started the app (`--selftest` report, the preview's URLs). */
  readonly print: (line: string) => void;
  /** A configuration the app cannot start with: Electron shows a dialog, the browser shell prints it. */
  readonly reportFatal: (message: string) => void;
  readonly settings: SettingsStore;
  readonly secretStore: SecretStore;
  /** Main → page events; a shell whose page is not there yet drops them (the page asks for the state when it starts). */
  readonly sendEvent: EventSender;
  readonly openExternal: (url: string) => Promise<void>;
  readonly hid: HidAccess;
  /** Windows: whether this process may open FIDO HID devices (administrator); false elsewhere. */
  readonly isWindowsAdmin: () => Promise<boolean>;
  /** Electron only: the OS WebAuthn window on the org origin (Windows without admin rights). */
  readonly osWebauthnWindow?: ((language: () => Promise<Language>) => OsWebauthnWindow) | undefined;
  /** Electron only: electron-updater driven by the start-up's decision; returns its stop. */
  readonly startUpdates?: ((decision: UpdateDecision) => () => void) | undefined;
  /** Ends the process (after the start-up stopped what it started). */
  readonly exit: (code: number) => void;
}
