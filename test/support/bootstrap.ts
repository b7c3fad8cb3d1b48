/**
 * Starts the whole product without Electron: the local org on port 0 with a temp data folder, the main
 * services composed with Node's fetch, and the bridge harness serving the built renderer. Used by the
 * e2e tests and by `npm run preview`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import QRCode from 'qrcode';
import { compose, type Composition } from '../../main/compose.ts';
import { systemClock, type Clock } from '../../main/core/clock.ts';
import { createDispatch } from '../../main/core/dispatch.ts';
import { cryptoRandom } from '../../main/core/random.ts';
import { buildInfo, describeBuild } from '../../main/build-info.ts';
import { createLogger, silentLogger, type Logger } from '../../main/core/redact.ts';
import { startLocalOrg, type LocalOrg } from '../../main/local-org/server.ts';
import type { OrgPolicy } from '../../main/local-org/org-context.ts';
import type { Language } from '../../preload/contract.ts';
import { startBridge, type BridgeServer } from './bridge/bridge-server.ts';
import { createConfSettingsStore } from '../../main/settings/conf-settings-store.ts';
import { loadMachinePolicy } from '../../main/settings/policy-loader.ts';
import { createKeytarSecretStore } from '../../main/keychain/keytar-secret-store.ts';
import { createMemorySecretStore } from '../../main/keychain/memory-secret-store.ts';
import type { SecretStore } from '../../main/keychain/secret-store.ts';
import type { FetchLike } from '../../main/auth/authn-http.ts';
import type { HidDevice } from '../../main/yubikey/hid/hid-port.ts';
import { FIDO_USAGE_PAGE, YUBICO_VENDOR_ID } from '../../main/yubikey/list-keys.ts';
import { createYubikeyService, type HidDeviceInfo } from '../../main/yubikey/yubikey-service.ts';
import { watchYubikeys } from '../../main/yubikey/device-watcher.ts';
import { createPinRequests } from '../../main/yubikey/pin-request.ts';
import { createOsWebauthnCeremonies, type OsWebauthnWindow } from '../../main/yubikey/os-webauthn.ts';

export const RENDERER_DIR = join(import.meta.dirname, '../../out/renderer');

export interface Stack {
  readonly org: LocalOrg;
  readonly bridge: BridgeServer;
  readonly app: Composition;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly logLines: string[];
  /** URLs the app asked the system browser to open (the diagnostics hand-off), newest last. */
  readonly opened: string[];
  /** The USB devices the app's HID enumeration sees: a test plugs and pulls keys (the watcher polls every 100 ms). */
  readonly usb: { plug(device: HidDeviceInfo): void; unplug(path: string): void };
  close(): Promise<void>;
}

export interface StackOptions {
  readonly dataDir?: string;
  readonly orgPort?: number;
  readonly bridgePort?: number;
  /** The org's clock (tests move it for TOTP steps and expiry). */
  readonly clock?: Clock;
  /** The workstation's clock; a test gives it an offset to play a PC whose time is wrong. */
  readonly appClock?: Clock;
  readonly language?: Language;
  readonly seedDemo?: boolean;
  readonly log?: Logger;
  /** A machine policy file, read the way the app reads it (GARAGE_SIGNIN_POLICY). */
  readonly policyFile?: string;
  /** USB security keys behind node-hid's interface: main then runs WebAuthn itself, as in the packaged app. */
  readonly hidKeys?: readonly HidDevice[];
  /** The OS WebAuthn window (Windows without admin rights): main hands ceremonies to it, as in the packaged app. */
  readonly osWebauthn?: OsWebauthnWindow;
  /** Org policy overrides, e.g. Okta's default WebAuthn user verification "discouraged". */
  readonly orgPolicy?: Partial<OrgPolicy>;
  /** Wraps the app's fetch: fault tests play a captive portal, a proxy, a gateway or a hang in front of the org. */
  readonly wrapFetch?: (fetch: FetchLike) => FetchLike;
  /** The OS keychain the app uses (fault tests lock it mid-flow); by default as described at `secretStore` below. */
  readonly secretStore?: SecretStore;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const ownData = options.dataDir === undefined;
  const hidKeys = options.hidKeys ?? [];
  // One enumeration for the whole app, as node-hid gives in main: the keys' FIDO interfaces, and whatever a test plugs.
  const visible: HidDeviceInfo[] = hidKeys.map((_, i) => ({ path: `fake-hidraw${i}`, vendorId: YUBICO_VENDOR_ID, productId: 0x0407, usagePage: FIDO_USAGE_PAGE }));
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'garage-stack-')));
  const logLines: string[] = [];
  const log = options.log ?? createLogger((line) => logLines.push(line));
  let bridgeOrigin = '';
  // WebAuthn in the page: the org must accept the bridge's origin, known only once the bridge listens.
  const expectedOrigins: string[] = [];
  const org = await startLocalOrg({
    dataDir: join(dataDir, 'org'),
    port: options.orgPort ?? 0,
    seedDemo: options.seedDemo ?? false,
    log: silentLogger,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.orgPolicy ? { policy: options.orgPolicy } : {}),
    expectedOrigins,
  });
  const opened: string[] = [];
  const loaded = options.policyFile ? await loadMachinePolicy(options.policyFile) : undefined;
  const bridgeRef: { current?: BridgeServer } = {};
  const pins = createPinRequests((request) => bridgeRef.current?.emit('yubikey.pinNeeded', request));
  const watcher = watchYubikeys({ enumerate: async () => [...visible], onChange: (change) => bridgeRef.current?.emit('yubikey.device', change), setInterval, clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout), intervalMs: 100 });
  const app = compose({
    orgUrl: org.url,
    trainingOrg: true,
    version: '0.1.0',
    build: describeBuild(buildInfo()),
    updates: 'development',
    platform: `${process.platform} ${process.arch} (browser preview)`,
    diagnosticsUrl: new URL('/diagnostics', org.url).toString(),
    supportUrl: org.url,
    allowedHosts: [new URL(org.url).host],
    dataDir: join(dataDir, 'app'),
    random: cryptoRandom,
    listKeys: async () => hidKeys.map(() => ({ product: 'YubiKey 5 (test key)' })),
    pluggedKeys: () => watcher.models(),
    keyPath: hidKeys.length > 0 ? { path: 'native-hid', reason: 'hid-available' } : options.osWebauthn ? { path: 'os-webauthn', reason: 'windows-hid-needs-admin' } : { path: 'renderer', reason: 'browser-preview' },
    yubikey: options.osWebauthn
      ? createOsWebauthnCeremonies(options.osWebauthn)
      : hidKeys.length > 0
      ? createYubikeyService({
          enumerate: async () => [...visible],
          open: async (path) => {
            const key = hidKeys[Number(path.replace('fake-hidraw', ''))];
            if (!key) throw new Error(`no HID device at ${path}`);
            return key;
          },
          random: cryptoRandom,
          onTouch: (prompt) => bridgeRef.current?.emit('yubikey.touch', prompt),
          askPin: (request) => pins.prompt(request),
        })
      : undefined,
    answerPin: (pin) => pins.answer(pin),
    openExternal: async (url) => void opened.push(url),
    // The bridge exists only after compose; events go through it once it listens.
    emit: (event, payload) => bridgeRef.current?.emit(event, payload),
    fetch: (options.wrapFetch ?? ((plain) => plain))((input, init) => fetch(input, init)),
    // The app keeps real time even when a test moves the org's clock: its drift banner compares the two.
    clock: options.appClock ?? systemClock,
    sleep: (ms) => sleep(ms),
    log,
    settings: createConfSettingsStore(join(dataDir, 'app')),
    // Inside scripts/with-keyring.sh (npm test) the real OS keychain; elsewhere memory.
    secretStore: options.secretStore ?? (process.env.GARAGE_KEYRING === '1' ? createKeytarSecretStore() : createMemorySecretStore()),
    policy: loaded?.ok ? loaded.value : undefined,
    policyError: loaded && !loaded.ok ? loaded.error : undefined,
    defaultLanguage: options.language ?? 'fr',
    qrDataUrl: (text) => QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
  });
  const dispatch = createDispatch(app.handlers, (sender) => sender.origin === bridgeOrigin && sender.isMainFrame && sender.isAppWindow, log);
  const bridge = await startBridge({ rendererDir: RENDERER_DIR, dispatch: () => dispatch, ...(options.bridgePort ? { port: options.bridgePort } : {}) });
  bridgeOrigin = bridge.origin;
  bridgeRef.current = bridge;
  expectedOrigins.push(bridge.origin, org.url);
  return {
    org,
    bridge,
    app,
    dataDir,
    clock: options.clock ?? systemClock,
    logLines,
    opened,
    usb: {
      plug: (device) => void visible.push(device),
      unplug(path) {
        const index = visible.findIndex((device) => device.path === path);
        if (index >= 0) visible.splice(index, 1);
      },
    },
    async close() {
      watcher.stop();
      await bridge.close();
      await org.close();
      if (ownData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
