/**
 * The settings port (convention 3): read and patch, nothing else. Adapters: conf (plain Node, the browser
 * preview and tests) and electron-store (main/shell/electron-settings-store.ts, the packaged app).
 */
import type { UserSettings } from './settings-schema.ts';

export interface SettingsStore {
  read(): UserSettings;
  /** Applies a patch; `undefined` values remove the key (forgetting a remembered username). */
  update(patch: Partial<Record<keyof UserSettings, UserSettings[keyof UserSettings] | undefined>>): UserSettings;
}

/** A key–value backend both conf and electron-store satisfy. */
export interface KeyValueBackend {
  readonly store: Record<string, unknown>;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function settingsStoreOver(backend: KeyValueBackend, read: (raw: unknown) => { settings: UserSettings }): SettingsStore {
  return {
    read: () => read(backend.store).settings,
    update(patch) {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) backend.delete(key);
        else backend.set(key, value);
      }
      return read(backend.store).settings;
    },
  };
}
