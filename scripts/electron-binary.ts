/**
 * The Electron binary the `electron` package installed, or undefined where it could not be downloaded
 * (the package exports the binary's path, and throws when the download never happened).
 */
import { createRequire } from 'node:module';

export function electronBinary(): string | undefined {
  try {
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return undefined;
  }
}
