/**
 * Reads the machine policy, refusing what a technician could have tampered with. No file: no policy
 * (defaults). A file that is unsafe or broken: an error that names the file and the fields, and the app
 * stops at an error screen — it never carries on with defaults the installer did not choose.
 *
 * Two levels of trust. `packaged` (the installed app): only an administrator may have written the file or
 * be able to replace it — POSIX: the file and every folder above it owned by root and writable by no group
 * or other user; Windows: file and folder owned by Administrators/SYSTEM/TrustedInstaller with no write
 * access for anyone else (windows-acl.ts). `development` (running from source, the preview): the current
 * user's own file is accepted too, so developers and tests need no root.
 */
import { lstat, readFile } from 'node:fs/promises';
import { posix as posixPath, win32 } from 'node:path';
import { fail, ok, type Result } from '../core/result.ts';
import { MachinePolicy } from './machine-policy.ts';
import { windowsAclProblem } from './windows-acl.ts';

const MAX_POLICY_BYTES = 64 * 1024;

export interface PolicyFileFacts {
  readonly isSymbolicLink: boolean;
  readonly isFile: boolean;
  readonly mode: number;
  readonly uid: number;
  readonly size: number;
}
export interface FolderFacts {
  readonly path: string;
  readonly isSymbolicLink: boolean;
  readonly mode: number;
  readonly uid: number;
}

export type PolicyTrust = 'packaged' | 'development';

export interface LoadPolicyOptions {
  readonly platform?: NodeJS.Platform;
  /** Required: the installed app passes `packaged`, a run from source `development`. */
  readonly trust: PolicyTrust;
  readonly currentUid?: number | undefined;
  /** lstat facts of a path; undefined when it does not exist. */
  readonly stat?: (path: string) => Promise<(PolicyFileFacts & { readonly isDirectory: boolean }) | undefined>;
  readonly read?: (path: string) => Promise<string>;
  /** Windows: the path's security descriptor as SDDL (powershell-acl-reader.ts). */
  readonly readSddl?: (path: string) => Promise<string>;
}

/**
 * Development rule (and the one facts alone can decide): not a symlink (it could point anywhere), a regular
 * file of sane size, not writable by everyone, owned by root or by the account running the app.
 */
function shapeReason(facts: PolicyFileFacts): string | undefined {
  if (facts.isSymbolicLink) return 'symbolic link';
  if (!facts.isFile) return 'not a file';
  if (facts.size > MAX_POLICY_BYTES) return 'too large';
  return undefined;
}

export function unsafeReason(facts: PolicyFileFacts, platform: NodeJS.Platform, currentUid: number | undefined): string | undefined {
  const shape = shapeReason(facts);
  if (shape || platform === 'win32') return shape;
  if ((facts.mode & 0o002) !== 0) return 'writable by every user';
  if (facts.uid !== 0 && facts.uid !== currentUid) return 'owned by another user';
  return undefined;
}

/**
 * Packaged rule on POSIX. Owner root: anyone else could rewrite it. No group write either: the file's group
 * is often one ordinary accounts belong to (macOS `admin`, Linux `adm`/`sudo`/the user's own group). Every
 * folder up to / the same way, symlinks included: whoever can write a folder can delete the file (back to
 * defaults) or swap it, even one owned by root.
 */
export function packagedPosixReason(facts: PolicyFileFacts, folders: readonly FolderFacts[]): string | undefined {
  const shape = shapeReason(facts);
  if (shape) return shape;
  if (facts.uid !== 0) return 'not owned by root';
  if ((facts.mode & 0o002) !== 0) return 'writable by every user';
  if ((facts.mode & 0o022) !== 0) return 'writable by its group or other users';
  for (const folder of folders) {
    if (folder.isSymbolicLink) return `folder ${folder.path} is a symbolic link`;
    if (folder.uid !== 0) return `folder ${folder.path} is not owned by root`;
    // A sticky world-writable folder (/tmp) still lets anyone create the file: not a place for a policy.
    if ((folder.mode & 0o022) !== 0) return `folder ${folder.path} is writable by its group or other users`;
  }
  return undefined;
}

const nodeStat: NonNullable<LoadPolicyOptions['stat']> = async (path) => {
  try {
    const stat = await lstat(path);
    return { isSymbolicLink: stat.isSymbolicLink(), isFile: stat.isFile(), isDirectory: stat.isDirectory(), mode: stat.mode, uid: stat.uid, size: stat.size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

function ancestors(file: string): string[] {
  const out: string[] = [];
  for (let dir = posixPath.dirname(file); ; dir = posixPath.dirname(dir)) {
    out.push(dir);
    if (posixPath.dirname(dir) === dir) return out;
  }
}

async function trustProblem(file: string, facts: PolicyFileFacts | undefined, options: LoadPolicyOptions & Required<Pick<LoadPolicyOptions, 'platform' | 'stat'>>): Promise<string | undefined> {
  if (options.trust === 'development') return facts ? unsafeReason(facts, options.platform, options.currentUid) : undefined;
  if (options.platform === 'win32') {
    const shape = facts ? shapeReason(facts) : undefined;
    if (shape) return shape;
    if (!options.readSddl) return 'no way to read its access control list';
    // The folder too: a user who created it (ProgramData allows that) could delete or swap the file.
    const folder = win32.dirname(file);
    if (await options.stat(folder)) {
      const reason = windowsAclProblem(await options.readSddl(folder));
      if (reason) return `folder ${folder}: ${reason}`;
    }
    return facts ? windowsAclProblem(await options.readSddl(file)) : undefined;
  }
  const folders: FolderFacts[] = [];
  for (const path of ancestors(file)) {
    const folder = await options.stat(path);
    if (folder) folders.push({ path, isSymbolicLink: folder.isSymbolicLink, mode: folder.mode, uid: folder.uid });
  }
  if (!facts) return packagedPosixReason({ isSymbolicLink: false, isFile: true, mode: 0o644, uid: 0, size: 0 }, folders);
  return packagedPosixReason(facts, folders);
}

/**
 * Reads and checks the policy at `file` under the given trust. A missing file means "no policy" only where
 * nobody but an administrator could have deleted it (packaged). The old call forms — no options, or only a
 * platform — keep their old meaning, the development rule, so callers not yet told which build they are
 * keep working; new callers must say which trust applies.
 */
export async function loadMachinePolicy(file: string, options?: LoadPolicyOptions | NodeJS.Platform): Promise<Result<MachinePolicy | undefined>> {
  const given: LoadPolicyOptions = options === undefined || typeof options === 'string' ? { trust: 'development', ...(options ? { platform: options } : {}) } : options;
  const settings = { ...given, platform: given.platform ?? process.platform, stat: given.stat ?? nodeStat, currentUid: 'currentUid' in given ? given.currentUid : process.getuid?.() };
  let facts: PolicyFileFacts | undefined;
  let reason: string | undefined;
  try {
    facts = await settings.stat(file);
    reason = await trustProblem(file, facts, settings);
  } catch (error) {
    return fail('E_POLICY_UNREADABLE', { fields: [file], cause: error });
  }
  if (reason) return fail('E_POLICY_UNSAFE_FILE', { fields: [file], cause: reason });
  if (!facts) return ok(undefined);
  let json: unknown;
  try {
    json = JSON.parse(await (settings.read ?? ((path: string) => readFile(path, 'utf8')))(file));
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
