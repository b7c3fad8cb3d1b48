/**
 * The Windows adapter of the policy loader's `readSddl` port: `(Get-Acl -LiteralPath <path>).Sddl` through
 * Windows PowerShell, the tool every supported Windows has. The path goes in single quotes with quotes
 * doubled (PowerShell's quoting rule), as a -LiteralPath so wildcards mean nothing. Any failure rejects, and
 * the loader then refuses the policy (E_POLICY_UNREADABLE) rather than trusting it.
 */
import { execFile } from 'node:child_process';

export type ExecFile = (file: string, args: readonly string[], options: { timeout: number; windowsHide: boolean }, callback: (error: Error | null, stdout: string, stderr: string) => void) => void;

export function getAclCommand(path: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-Command', `(Get-Acl -LiteralPath '${path.replace(/'/g, "''")}').Sddl`];
}

export function createPowershellSddlReader(run: ExecFile = execFile as unknown as ExecFile): (path: string) => Promise<string> {
  return (path) =>
    new Promise((resolve, reject) => {
      run('powershell.exe', getAclCommand(path), { timeout: 20_000, windowsHide: true }, (error, stdout, stderr) => {
        if (error) reject(error);
        else if (stderr.trim() !== '' || stdout.trim() === '') reject(new Error(`Get-Acl gave no descriptor: ${stderr.trim().slice(0, 200)}`));
        else resolve(stdout.trim());
      });
    });
}
