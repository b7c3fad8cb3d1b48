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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

declare const __GARAGE_BUILD__: BuildInfo | undefined;

/** The source tree's version, so the preview and the tests report what the next build will carry. */
function sourceTreeVersion(): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    const version = typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
    return typeof version === 'string' && /^\d+\.\d+\.\d+/.test(version) ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export const DEVELOPMENT_BUILD: BuildInfo = { version: sourceTreeVersion(), commit: 'working tree', builtAt: 'not built', signing: 'development' };

export function buildInfo(): BuildInfo {
  return typeof __GARAGE_BUILD__ === 'undefined' ? DEVELOPMENT_BUILD : __GARAGE_BUILD__;
}

export function describeBuild(info: BuildInfo): string {
  return `${info.version} (${info.commit.slice(0, 12)}, ${info.builtAt}, ${info.signing})`;
}
