/**
 * Electron fuses flipped in the packaged binary (electron-builder afterPack): features an attacker with
 * file access could use to turn the signed app into a generic Node runtime or load other code.
 */
import { FuseV1Options, FuseVersion, flipFuses, type FuseConfig } from '@electron/fuses';

export const GARAGE_FUSES: FuseConfig = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false, // ELECTRON_RUN_AS_NODE would make the signed binary a plain Node
  [FuseV1Options.EnableCookieEncryption]: true, // cookies at rest encrypted with the OS keychain
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false, // NODE_OPTIONS could preload any script
  [FuseV1Options.EnableNodeCliInspectArguments]: false, // --inspect would open a debugger port
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true, // a modified app.asar refuses to load
  [FuseV1Options.OnlyLoadAppFromAsar]: true, // no loose app folder beside the archive
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false, // default snapshot; nothing custom shipped
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false, // the renderer is on app://, file:// needs nothing extra
  [FuseV1Options.WasmTrapHandlers]: true, // Electron's default; keeps WebAssembly bounds checks fast
};

/** The packaged executable of the platform electron-builder just packed. */
export function executableOf(context: { appOutDir: string; electronPlatformName: string; packager: { appInfo: { productFilename: string; productName: string } } }): string {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return `${appOutDir}/${packager.appInfo.productFilename}.app`;
  if (electronPlatformName === 'win32') return `${appOutDir}/${packager.appInfo.productFilename}.exe`;
  return `${appOutDir}/garage-signin`;
}

export async function applyFuses(executable: string): Promise<void> {
  await flipFuses(executable, { ...GARAGE_FUSES, resetAdHocDarwinSignature: executable.endsWith('.app') });
}
