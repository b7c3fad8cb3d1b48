/** Settings of the packaged app in electron-store (the userData folder), behind the same port as conf. */
import Store from 'electron-store';
import { readSettings } from '../settings/settings-schema.ts';
import { settingsStoreOver, type SettingsStore } from '../settings/settings-store.ts';

export function createElectronSettingsStore(): SettingsStore {
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });
  return settingsStoreOver(store, readSettings);
}
