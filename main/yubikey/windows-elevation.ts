/**
 * Whether the app runs elevated on Windows, which decides the security-key path (path-choice.ts): only an
 * administrator may open FIDO HID devices since Windows 10 1903. `fltmc` (the filter manager console)
 * lists filters only for administrators and exits non-zero otherwise, without side effects or a prompt.
 */
import { execFile } from 'node:child_process';

export type RunCommand = (file: string, args: readonly string[]) => Promise<{ readonly exitCode: number }>;

const runCommand: RunCommand = (file, args) =>
  new Promise((resolve) => {
    execFile(file, [...args], { windowsHide: true, timeout: 5_000 }, (error) => {
      resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0 });
    });
  });

export async function isWindowsAdmin(platform: NodeJS.Platform, run: RunCommand = runCommand): Promise<boolean> {
  if (platform !== 'win32') return false;
  try {
    return (await run('fltmc', [])).exitCode === 0;
  } catch {
    return false;
  }
}
