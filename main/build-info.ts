/**
 * Which build this is, so support can tell what a garage runs: version, commit, build date and whether
 * the installer was signed. Embedded by vite at build time (vite.config.ts, main mode); under tests and
 * the browser preview, the source tree's values.
 */
export interface BuildInfo {
  readonly version: string;
  readonly commit: string;
  readonly builtAt: string;
  readonly signing: 'signed' | 'unsigned' | 'development';
}

declare const __GARAGE_BUILD__: BuildInfo | undefined;

export const DEVELOPMENT_BUILD: BuildInfo = { version: '0.1.0', commit: 'working tree', builtAt: 'not built', signing: 'development' };

export function buildInfo(): BuildInfo {
  return typeof __GARAGE_BUILD__ === 'undefined' ? DEVELOPMENT_BUILD : __GARAGE_BUILD__;
}

export function describeBuild(info: BuildInfo): string {
  return `${info.version} (${info.commit.slice(0, 12)}, ${info.builtAt}, ${info.signing})`;
}
