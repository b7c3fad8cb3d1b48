/** Settings on disk with conf (atomic writes), for everything that runs under plain Node. */
import Conf from 'conf';
import { readSettings } from './settings-schema.ts';
import { settingsStoreOver, type SettingsStore } from './settings-store.ts';

export function createConfSettingsStore(dir: string): SettingsStore {
  // clearInvalidConfig: a file that is not JSON at all starts over instead of throwing at start-up.
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', clearInvalidConfig: true, projectName: 'garage-signin' });
  return settingsStoreOver(conf, readSettings);
}
