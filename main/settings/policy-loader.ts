/**
 * Reads the machine policy, refusing what a technician could have tampered with. No file: no policy
 * (defaults). A file that is unsafe or broken: an error that names the file and the fields, and the app
 * stops at an error screen — it never carries on with defaults the installer did not choose.
 */
import { lstat, readFile } from 'node:fs/promises';
import { fail, ok, type Result } from '../core/result.ts';
import { MachinePolicy } from './machine-policy.ts';

const MAX_POLICY_BYTES = 64 * 1024;

export interface PolicyFileFacts {
  readonly isSymbolicLink: boolean;
  readonly isFile: boolean;
  readonly mode: number;
  readonly uid: number;
  readonly size: number;
}

/**
 * POSIX: the file must not be a symlink (it could point anywhere), must not be writable by everyone,
 * and must belong to root or to the account running the app (an override used by tests and pilots).
 * Windows ACLs are left to the installer (ProgramData is admin-writable only by default).
 */
export function unsafeReason(facts: PolicyFileFacts, platform: NodeJS.Platform, currentUid: number | undefined): string | undefined {
  if (facts.isSymbolicLink) return 'symbolic link';
  if (!facts.isFile) return 'not a file';
  if (facts.size > MAX_POLICY_BYTES) return 'too large';
  if (platform === 'win32') return undefined;
  if ((facts.mode & 0o002) !== 0) return 'writable by every user';
  if (facts.uid !== 0 && facts.uid !== currentUid) return 'owned by another user';
  return undefined;
}

export async function loadMachinePolicy(file: string, platform: NodeJS.Platform = process.platform): Promise<Result<MachinePolicy | undefined>> {
  let facts: PolicyFileFacts;
  try {
    const stat = await lstat(file);
    facts = { isSymbolicLink: stat.isSymbolicLink(), isFile: stat.isFile(), mode: stat.mode, uid: stat.uid, size: stat.size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(undefined);
    return fail('E_POLICY_UNREADABLE', { fields: [file], cause: error });
  }
  const reason = unsafeReason(facts, platform, process.getuid?.());
  if (reason) return fail('E_POLICY_UNSAFE_FILE', { fields: [file], cause: reason });
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return fail('E_POLICY_INVALID', { fields: [file, '(not JSON)'], cause: error });
  }
  const parsed = MachinePolicy.safeParse(json);
  if (!parsed.success) {
    const paths = parsed.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.') || '(root)']));
    return fail('E_POLICY_INVALID', { fields: [file, ...paths].slice(0, 20) });
  }
  return ok(parsed.data);
}
