/**
 * Killing the server (SIGKILL, no shutdown code runs) in the middle of a burst of writes loses no
 * write it had acknowledged: every user whose creation got a 200 is there after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { serveCli } from '../../support/local-org/cli-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'local-org-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('durability', () => {
  it('keeps every acknowledged user after SIGKILL during a burst of writes', async () => {
    const first = await serveCli(['--port', '0', '--data', dataDir, '--no-seed']);
    const acknowledged: string[] = [];
    let sent = 0;
    const writer = async (lane: number) => {
      for (let i = 0; ; i += 1) {
        const login = `burst-${lane}-${i}@garage.test`;
        sent += 1;
        try {
          const response = await fetch(`${first.url}/api/v1/users?activate=false`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `SSWS ${first.adminToken}` },
            body: JSON.stringify({ profile: { firstName: 'B', lastName: 'W', email: login, login } }),
          });
          if (response.status === 200) acknowledged.push(login);
          else return;
        } catch {
          return; // the server is gone
        }
      }
    };
    const lanes = Array.from({ length: 6 }, (_, lane) => writer(lane));
    while (acknowledged.length < 60) await new Promise((resolve) => setImmediate(resolve));
    first.child.kill('SIGKILL');
    await Promise.all(lanes);
    expect(await first.exited()).toBeNull();
    expect(sent).toBeGreaterThan(acknowledged.length);

    const second = await serveCli(['--port', '0', '--data', dataDir]);
    try {
      const response = await fetch(`${second.url}/api/v1/users`, { headers: { Authorization: `SSWS ${second.adminToken}` } });
      const logins = new Set(((await response.json()) as { profile: { login: string } }[]).map((user) => user.profile.login));
      expect(acknowledged.filter((login) => !logins.has(login))).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited();
    }
    // A non-empty data folder is never re-seeded with demo users (all stdout has arrived once it exited).
    expect(second.lines.some((line) => line.startsWith('DEMO_USER='))).toBe(false);
    const db = new DatabaseSync(join(dataDir, 'org.sqlite'), { readOnly: true });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });
});
