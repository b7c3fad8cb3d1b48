/**
 * scripts/with-keyring.sh wraps `npm test` in a throw-away Secret Service. Where it cannot build one it must
 * fail, not run the tests without a keychain (the keychain suite would then skip and `npm test` pass).
 */
import { spawnSync } from 'node:child_process';
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
    const run = withKeyring(['/bin/sh', '-c', 'echo "keyring=$GARAGE_KEYRING bus=${DBUS_SESSION_BUS_ADDRESS:+set}"; exit 7'], baseEnv);
    expect(run.stdout).toContain('keyring=1 bus=set');
    expect(run.status).toBe(7);
  });
});
