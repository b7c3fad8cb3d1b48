/**
 * The packaged app's adapters as the Electron entry gives them (main/shell/electron-platform.ts), with
 * Electron's pieces faked and everything else real: Node's fetch for net.fetch, conf for electron-store,
 * the memory keychain, a USB bus holding a software CTAP2 key behind node-hid's interface, recorded
 * events, timers, updater and exit.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../../../main/core/clock.ts';
import { cryptoRandom } from '../../../main/core/random.ts';
import { createLogger } from '../../../main/core/redact.ts';
import { createMemorySecretStore } from '../../../main/keychain/memory-secret-store.ts';
import { createConfSettingsStore } from '../../../main/settings/conf-settings-store.ts';
import type { Platform } from '../../../main/start/platform.ts';
import type { UpdateDecision } from '../../../main/update/update-policy.ts';
import type { HidDevice } from '../../../main/yubikey/hid/hid-port.ts';
import { FIDO_USAGE_PAGE, YUBICO_VENDOR_ID } from '../../../main/yubikey/list-keys.ts';

export interface ElectronPlatformRecord {
  readonly logLines: string[];
  readonly printed: string[];
  readonly events: Array<{ event: string; payload: unknown }>;
  readonly opened: string[];
  readonly updates: UpdateDecision[];
  readonly exits: number[];
  readonly timers: { started: number; cleared: number };
  readonly updatesStopped: { count: number };
}

export function fakeElectronPlatform(options: { userData: string; argv?: string[]; env?: Record<string, string>; key?: HidDevice; os?: NodeJS.Platform; isAdmin?: boolean }): { platform: Platform; record: ElectronPlatformRecord } {
  const record: ElectronPlatformRecord = { logLines: [], printed: [], events: [], opened: [], updates: [], exits: [], timers: { started: 0, cleared: 0 }, updatesStopped: { count: 0 } };
  const devices = options.key ? [{ path: '/dev/hidraw7', vendorId: YUBICO_VENDOR_ID, productId: 0x0407, usagePage: FIDO_USAGE_PAGE, product: 'YubiKey OTP+FIDO+CCID' }] : [];
  const platform: Platform = {
    host: 'electron',
    os: options.os ?? 'linux',
    isPackaged: true,
    env: options.env ?? {},
    argv: ['/opt/Garage Sign-In/garage-signin', ...(options.argv ?? [])],
    version: '0.1.0',
    platformLabel: 'linux 6.1.0 x64',
    osLocale: 'fr-CA',
    paths: { appData: options.userData, orgData: join(options.userData, 'local-org'), executableDir: join(options.userData, 'no-such-install-dir') },
    fetch: (input, init) => fetch(input, init),
    clock: systemClock,
    sleep: (ms) => sleep(ms),
    random: cryptoRandom,
    timers: {
      setInterval: (fn, ms) => ((record.timers.started += 1), setInterval(fn, ms)),
      clearInterval: (handle) => ((record.timers.cleared += 1), clearInterval(handle as NodeJS.Timeout)),
    },
    log: createLogger((line) => record.logLines.push(line)),
    print: (line) => void record.printed.push(line),
    reportFatal: (message) => void record.printed.push(`FATAL ${message}`),
    settings: createConfSettingsStore(options.userData),
    secretStore: createMemorySecretStore(),
    sendEvent: (event, payload) => void record.events.push({ event, payload }),
    openExternal: async (url) => void record.opened.push(url),
    hid: {
      enumerate: async () => devices,
      open: async (path) => {
        if (!options.key || path !== '/dev/hidraw7') throw new Error(`no HID device at ${path}`);
        return options.key;
      },
    },
    isWindowsAdmin: async () => options.isAdmin ?? false,
    startUpdates: (decision) => {
      record.updates.push(decision);
      return () => void (record.updatesStopped.count += 1);
    },
    exit: (code) => void record.exits.push(code),
  };
  return { platform, record };
}
