/**
 * The Electron binary the `electron` package installed, or undefined where it could not be downloaded.
 * Read from the package's own record (path.txt → dist/…) rather than by requiring the package: requiring
 * it where the binary is missing starts a download, which on a machine without Electron's downloads prints
 * "Downloading Electron binary..." and a fetch error that reads like a crash.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (!relative) return undefined;
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), relative);
  return existsSync(binary) ? binary : undefined;
}
