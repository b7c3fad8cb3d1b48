/**
 * Security keys in main: where ceremonies run (path-choice.ts), the service for that path (USB CTAP2 or the
 * OS WebAuthn window), the plug/unplug watcher and the PIN questions main asks the page.
 */
import type { Language } from '../../preload/contract.ts';
import type { KeyCeremonies } from '../yubikey/key-ceremonies.ts';
import { createOsWebauthnCeremonies } from '../yubikey/os-webauthn.ts';
import { chooseCeremonyPath, type CeremonyPath } from '../yubikey/path-choice.ts';
import { createPinRequests } from '../yubikey/pin-request.ts';
import { watchYubikeys } from '../yubikey/device-watcher.ts';
import { visibleYubikeys, type VisibleKey } from '../yubikey/visible-keys.ts';
import { createYubikeyService } from '../yubikey/yubikey-service.ts';
import type { Platform } from './platform.ts';

export interface KeyStack {
  readonly keyPath: CeremonyPath;
  readonly ceremonies: KeyCeremonies | undefined;
  readonly answerPin: (pin: string | null) => boolean;
  readonly pluggedKeys: () => readonly string[];
  readonly listKeys: () => Promise<VisibleKey[]>;
  stop(): void;
}

export interface KeyStackOptions {
  /** Whether main may run ceremonies itself: yes in Electron; in the browser shell only where a test gives it keys. */
  readonly mainRunsKeys: boolean;
  /** How often the watcher reads the HID enumeration (tests poll faster). */
  readonly watchIntervalMs?: number | undefined;
  readonly language: () => Promise<Language>;
}

export async function startKeyStack(platform: Platform, options: KeyStackOptions): Promise<KeyStack> {
  const send = platform.sendEvent;
  const pins = createPinRequests((request) => send('yubikey.pinNeeded', request));
  const watcher = watchYubikeys({
    enumerate: platform.hid.enumerate,
    onChange: (change) => send('yubikey.device', change),
    setInterval: platform.timers.setInterval,
    clearInterval: platform.timers.clearInterval,
    ...(options.watchIntervalMs ? { intervalMs: options.watchIntervalMs } : {}),
  });
  const isAdmin = options.mainRunsKeys && platform.os === 'win32' ? await platform.isWindowsAdmin() : false;
  const keyPath = chooseCeremonyPath({ electron: options.mainRunsKeys, platform: platform.os, isAdmin });
  const osWindow = keyPath.path === 'os-webauthn' ? platform.osWebauthnWindow?.(options.language) : undefined;
  const ceremonies =
    keyPath.path === 'os-webauthn'
      ? osWindow && createOsWebauthnCeremonies(osWindow)
      : keyPath.path === 'native-hid'
        ? createYubikeyService({
            enumerate: platform.hid.enumerate,
            open: platform.hid.open,
            random: platform.random,
            onTouch: (prompt) => send('yubikey.touch', prompt),
            askPin: (request) => pins.prompt(request),
          })
        : undefined;
  return {
    keyPath,
    ceremonies,
    answerPin: (pin) => pins.answer(pin),
    pluggedKeys: () => watcher.models(),
    listKeys: async () => visibleYubikeys(await platform.hid.enumerate()),
    stop: () => watcher.stop(),
  };
}
