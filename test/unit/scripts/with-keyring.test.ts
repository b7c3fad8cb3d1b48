/**
 * scripts/with-keyring.sh wraps `npm test` in a throw-away Secret Service. Where it cannot build one it must
 * fail, not run the tests without a keychain (the keychain suite would then skip and `npm test` pass).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '../../../scripts/with-keyring.sh');
const withKeyring = (command: string[], env: NodeJS.ProcessEnv) => spawnSync('/bin/bash', [SCRIPT, ...command], { env, encoding: 'utf8', timeout: 30_000 });
const { GARAGE_KEYRING: _outer, ...baseEnv } = process.env;

describe('with-keyring.sh', () => {
  it('fails instead of running the command when dbus-run-session or gnome-keyring-daemon is missing', () => {
    const run = withKeyring(['/bin/sh', '-c', 'echo ran'], { ...baseEnv, PATH: '/nonexistent' });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('ran');
    expect(run.stderr).toMatch(/dbus-run-session or gnome-keyring-daemon missing/);
  });

  it('runs the command inside an unlocked keyring and passes its exit code through', () => {
    // The command reports through a file, and no pipe is handed over: the keyring daemon, which outlives the
    // command for a moment, inherits the standard streams, and waiting for them to close would wait for it.
    const out = join(mkdtempSync(join(tmpdir(), 'with-keyring-')), 'out.txt');
    const run = spawnSync('/bin/bash', [SCRIPT, '/bin/sh', '-c', `echo "keyring=$GARAGE_KEYRING bus=\${DBUS_SESSION_BUS_ADDRESS:+set}" > '${out}'; exit 7`], { env: baseEnv, stdio: 'ignore', timeout: 30_000 });
    expect(readFileSync(out, 'utf8')).toContain('keyring=1 bus=set');
    expect(run.status).toBe(7);
  });
});
