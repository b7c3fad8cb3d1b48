import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { GARAGE_FUSES, executableOf } from '../../../scripts/fuses.ts';

describe('Electron fuses of the packaged app', () => {
  it('set exactly the issue’s security fuses, and define every fuse of the wire', () => {
    expect(GARAGE_FUSES).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    const numericKeys = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    for (const fuse of numericKeys) expect(GARAGE_FUSES, `fuse ${fuse}`).toHaveProperty(String(fuse));
  });

  it('finds the packed executable on each platform', () => {
    const packager = { appInfo: { productFilename: 'Garage Sign-In', productName: 'Garage Sign-In' } };
    expect(executableOf({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe('/o/Garage Sign-In.exe');
    expect(executableOf({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe('/o/Garage Sign-In.app');
    expect(executableOf({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe('/o/garage-signin');
  });
});
