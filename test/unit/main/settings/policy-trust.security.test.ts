/**
 * Who may write the machine policy the installed app obeys. Packaged: only an administrator (POSIX: root,
 * file and folders not writable by group or others; Windows: owner Administrators/SYSTEM/TrustedInstaller,
 * no write for anyone else), and no environment override of where it is. Development keeps accepting the
 * current user's file and the override.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyPath } from '../../../../main/settings/machine-policy.ts';
import { loadMachinePolicy, packagedPosixReason, type FolderFacts, type LoadPolicyOptions } from '../../../../main/settings/policy-loader.ts';
import { getAclCommand, createPowershellSddlReader } from '../../../../main/settings/powershell-acl-reader.ts';
import { parseSddl, windowsAclProblem } from '../../../../main/settings/windows-acl.ts';
import { SDDL } from '../../../support/fixtures/windows-acl/sddl.ts';

const POLICY = '{"desktopAuthenticator":true,"orgUrl":"https://fcawitech.okta.com"}';
const TECHNICIAN = 1000;
type Stat = NonNullable<LoadPolicyOptions['stat']>;
type Facts = NonNullable<Awaited<ReturnType<Stat>>>;
const dir = (uid: number, mode: number): Facts => ({ isSymbolicLink: false, isFile: false, isDirectory: true, mode: 0o40000 | mode, uid, size: 4096 });
const file = (uid: number, mode: number): Facts => ({ isSymbolicLink: false, isFile: true, isDirectory: false, mode: 0o100000 | mode, uid, size: POLICY.length });

/** A POSIX tree in memory: /etc (root 0755) / garage-signin / policy.json. */
function posix(over: Record<string, Facts> = {}): Stat {
  const tree: Record<string, Facts> = { '/': dir(0, 0o755), '/etc': dir(0, 0o755), '/etc/garage-signin': dir(0, 0o755), '/etc/garage-signin/policy.json': file(0, 0o644), ...over };
  return async (path) => tree[path];
}
const load = (trust: 'packaged' | 'development', stat: Stat) => loadMachinePolicy('/etc/garage-signin/policy.json', { platform: 'linux', trust, currentUid: TECHNICIAN, stat, read: async () => POLICY });

describe('machine policy on Linux and macOS', () => {
  it('packaged: reads a root-owned 0644 file in root-owned folders', async () => {
    expect(await load('packaged', posix())).toMatchObject({ ok: true, value: { desktopAuthenticator: true } });
  });

  it('packaged: refuses a file the technician owns; development accepts it', async () => {
    const stat = posix({ '/etc/garage-signin/policy.json': file(TECHNICIAN, 0o644) });
    expect(await load('packaged', stat)).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNSAFE_FILE', fields: ['/etc/garage-signin/policy.json'], cause: 'not owned by root' } });
    expect(await load('development', stat)).toMatchObject({ ok: true, value: { desktopAuthenticator: true } });
  });

  it.each<[string, Record<string, Facts>, string]>([
    ['a group-writable file (macOS admin group, Linux adm)', { '/etc/garage-signin/policy.json': file(0, 0o664) }, 'writable by its group or other users'],
    ['a world-writable file', { '/etc/garage-signin/policy.json': file(0, 0o646) }, 'writable by every user'],
    ['a folder the technician owns (they could delete or swap the file)', { '/etc/garage-signin': dir(TECHNICIAN, 0o755) }, 'folder /etc/garage-signin is not owned by root'],
    ['a group-writable folder', { '/etc/garage-signin': dir(0, 0o775) }, 'folder /etc/garage-signin is writable by its group or other users'],
    ['a sticky world-writable folder such as /tmp', { '/etc': dir(0, 0o1777) }, 'folder /etc is writable by its group or other users'],
    ['a symlinked folder', { '/etc/garage-signin': { ...dir(0, 0o755), isSymbolicLink: true } }, 'folder /etc/garage-signin is a symbolic link'],
    ['a symlinked file', { '/etc/garage-signin/policy.json': { ...file(0, 0o644), isSymbolicLink: true } }, 'symbolic link'],
  ])('packaged: refuses %s', async (_case, over, cause) => {
    expect(await load('packaged', posix(over))).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNSAFE_FILE', cause } });
  });

  it('packaged: no file is "no policy" only where no user could have deleted it', async () => {
    const absent = (over: Record<string, Facts>): Stat => async (path) => (path === '/etc/garage-signin/policy.json' ? undefined : posix(over)(path));
    expect(await load('packaged', absent({}))).toEqual({ ok: true, value: undefined });
    expect(await load('packaged', absent({ '/etc/garage-signin': dir(TECHNICIAN, 0o700) }))).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNSAFE_FILE' } });
  });

  it('the packaged rule, on facts alone', () => {
    const folders: FolderFacts[] = [{ path: '/etc', isSymbolicLink: false, mode: 0o40755, uid: 0 }];
    expect(packagedPosixReason({ isSymbolicLink: false, isFile: true, mode: 0o100640, uid: 0, size: 10 }, folders)).toBeUndefined();
    expect(packagedPosixReason({ isSymbolicLink: false, isFile: true, mode: 0o100600, uid: 501, size: 10 }, folders)).toBe('not owned by root');
  });

  it('on the real filesystem: a file owned by an ordinary user is refused packaged, accepted in development by that user', async () => {
    const root = mkdtempSync(join(tmpdir(), 'garage-policy-trust-'));
    const folder = join(root, 'garage-signin');
    mkdirSync(folder);
    const path = join(folder, 'policy.json');
    writeFileSync(path, POLICY);
    chmodSync(path, 0o644);
    // Tests run as root here: give the file to uid 1000 to play the technician; elsewhere it is ours already.
    const owner = process.getuid?.() === 0 ? (chownSync(path, TECHNICIAN, TECHNICIAN), TECHNICIAN) : (process.getuid?.() ?? TECHNICIAN);
    const packaged = await loadMachinePolicy(path, { platform: 'linux', trust: 'packaged' });
    expect(packaged).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNSAFE_FILE', cause: 'not owned by root' } });
    expect(await loadMachinePolicy(path, { platform: 'linux', trust: 'development', currentUid: owner })).toMatchObject({ ok: true, value: { desktopAuthenticator: true } });
  });
});

describe('machine policy on Windows (security descriptors as Get-Acl prints them)', () => {
  const FILE = 'C:\\ProgramData\\Garage Sign-In\\policy.json';
  const FOLDER = 'C:\\ProgramData\\Garage Sign-In';
  const windows = (fileSddl: string, folderSddl: string = SDDL.installerFolder, trust: 'packaged' | 'development' = 'packaged') =>
    loadMachinePolicy(FILE, {
      platform: 'win32',
      trust,
      stat: async (path) => (path === FILE ? file(0, 0o666) : path === FOLDER ? dir(0, 0o777) : undefined),
      read: async () => POLICY,
      readSddl: async (path) => (path === FILE ? fileSddl : folderSddl),
    });

  it.each([
    ['written by the installer (owner Administrators)', SDDL.installerFile],
    ['deployed by SYSTEM with a protected ACL', SDDL.systemFile],
    ['owned by TrustedInstaller', SDDL.trustedInstallerFile],
    ['with a deny entry for Users', SDDL.denyUsersWrite],
  ])('accepts a policy %s', async (_case, sddl) => {
    expect(windowsAclProblem(sddl)).toBeUndefined();
    expect(await windows(sddl)).toMatchObject({ ok: true, value: { desktopAuthenticator: true } });
  });

  it.each([
    ['a technician created it (they own it)', SDDL.userCreatedFile, /^owned by S-1-5-21-.*-1001, not Administrators/],
    ['Users may modify it', SDDL.usersModify, /^writable by S-1-5-32-545$/],
    ['Everyone has full control', SDDL.everyoneFull, /^writable by S-1-1-0$/],
    ['Authenticated Users may write', SDDL.authenticatedUsersWrite, /^writable by S-1-5-11$/],
    ['one user may append', SDDL.userAppend, /^writable by S-1-5-21-/],
    ['Everyone may change its permissions', SDDL.everyoneWriteDac, /^writable by S-1-1-0$/],
    ['it has no access control list', SDDL.nullDacl, /no access control list/],
    ['PowerShell printed an error instead', SDDL.garbage, /unreadable security descriptor/],
  ])('refuses a policy when %s', async (_case, sddl, cause) => {
    expect(windowsAclProblem(sddl)).toMatch(cause);
    expect(await windows(sddl)).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNSAFE_FILE', cause: expect.stringMatching(cause) } });
  });

  it('refuses an installer-written file in a folder a technician created first (they could delete or swap it)', async () => {
    expect(await windows(SDDL.installerFile, SDDL.userCreatedFolder)).toMatchObject({ ok: false, error: { cause: expect.stringMatching(/^folder C:\\ProgramData\\Garage Sign-In: owned by S-1-5-21-/) } });
  });

  it('development accepts the technician’s own file', async () => {
    expect(await windows(SDDL.userCreatedFile, SDDL.userCreatedFolder, 'development')).toMatchObject({ ok: true });
  });

  it('packaged without a way to read the ACL refuses rather than trusts', async () => {
    expect(await loadMachinePolicy(FILE, { platform: 'win32', trust: 'packaged', stat: async () => file(0, 0o666), read: async () => POLICY })).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNSAFE_FILE' } });
  });

  it('a failing Get-Acl makes the policy unreadable, never trusted', async () => {
    const result = await loadMachinePolicy(FILE, { platform: 'win32', trust: 'packaged', stat: async () => file(0, 0o666), read: async () => POLICY, readSddl: async () => Promise.reject(new Error('powershell.exe not found')) });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_POLICY_UNREADABLE' } });
  });

  it('parses owner and entries by SID, whatever the display language', () => {
    expect(parseSddl(SDDL.installerFolder)).toEqual({
      owner: 'S-1-5-32-544',
      dacl: [
        { type: 'A', flags: ['OI', 'CI', 'ID'], mask: 0x1f01ff, sid: 'S-1-5-18' },
        { type: 'A', flags: ['OI', 'CI', 'ID'], mask: 0x1f01ff, sid: 'S-1-5-32-544' },
        { type: 'A', flags: ['OI', 'CI', 'IO', 'ID'], mask: 0x10000000, sid: 'S-1-3-0' },
        { type: 'A', flags: ['OI', 'CI', 'ID'], mask: 0x1200a9, sid: 'S-1-5-32-545' },
      ],
    });
  });

  it('asks PowerShell for the SDDL with the path as a literal, quotes doubled', async () => {
    expect(getAclCommand("C:\\ProgramData\\O'Brien's\\policy.json").at(-1)).toBe("(Get-Acl -LiteralPath 'C:\\ProgramData\\O''Brien''s\\policy.json').Sddl");
    const read = createPowershellSddlReader((_file, _args, _options, callback) => callback(null, `${SDDL.installerFile}\r\n`, ''));
    expect(await read(FILE)).toBe(SDDL.installerFile);
    const failing = createPowershellSddlReader((_file, _args, _options, callback) => callback(null, '', 'Get-Acl : Access denied'));
    await expect(failing(FILE)).rejects.toThrow(/Access denied/);
  });
});

describe('where the policy is', () => {
  it('the installed app ignores GARAGE_SIGNIN_POLICY; a run from source honours it', () => {
    const env = { GARAGE_SIGNIN_POLICY: '/home/tech/my-policy.json' };
    expect(policyPath('linux', env, { allowEnvOverride: false })).toBe('/etc/garage-signin/policy.json');
    expect(policyPath('win32', { ...env, ProgramData: 'C:\\ProgramData' }, { allowEnvOverride: false })).toBe('C:\\ProgramData\\Garage Sign-In\\policy.json');
    expect(policyPath('darwin', env, { allowEnvOverride: false })).toBe('/Library/Application Support/Garage Sign-In/policy.json');
    expect(policyPath('linux', env, { allowEnvOverride: true })).toBe('/home/tech/my-policy.json');
  });
});
