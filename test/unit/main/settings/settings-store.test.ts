import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createConfSettingsStore } from '../../../../main/settings/conf-settings-store.ts';
import { readSettings } from '../../../../main/settings/settings-schema.ts';
import type { SettingsStore } from '../../../../main/settings/settings-store.ts';

const electronDir = mkdtempSync(join(tmpdir(), 'garage-estore-'));
vi.mock('electron', () => ({
  default: { app: { getPath: () => electronDir, getVersion: () => '0.1.0', getName: () => 'garage-signin' }, ipcMain: { on() {}, handle() {} }, shell: {} },
}));
const { createElectronSettingsStore } = await import('../../../../main/shell/electron-settings-store.ts');

/** One suite, both adapters (conventions §4.11). */
function settingsSuite(name: string, open: () => SettingsStore) {
  describe(`settings over ${name}`, () => {
    it('remembers the language and the username across instances', () => {
      open().update({ language: 'en', rememberedUsername: 'ana@garage.test' });
      expect(open().read()).toEqual({ language: 'en', rememberedUsername: 'ana@garage.test' });
    });

    it('forgets the username when asked (switch technician)', () => {
      const store = open();
      store.update({ rememberedUsername: 'ana@garage.test' });
      expect(store.update({ rememberedUsername: undefined })).not.toHaveProperty('rememberedUsername');
    });
  });
}

const confDir = mkdtempSync(join(tmpdir(), 'garage-conf-'));
settingsSuite('conf', () => createConfSettingsStore(confDir));
settingsSuite('electron-store', () => createElectronSettingsStore());

describe('settings file damage', () => {
  it('drops an invalid key and keeps the valid ones', () => {
    expect(readSettings({ language: 'de', rememberedUsername: 'marc@garage.test', extra: 1 })).toEqual({ settings: { rememberedUsername: 'marc@garage.test' }, dropped: ['language'] });
  });

  it('starts over from a file that is not JSON, without crashing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'garage-conf-bad-'));
    writeFileSync(join(dir, 'settings.json'), '{ this is not json');
    expect(createConfSettingsStore(dir).read()).toEqual({});
  });
});
