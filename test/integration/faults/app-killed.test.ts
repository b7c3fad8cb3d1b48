/**
 * Fault table, app row: the app is killed (SIGKILL: no shutdown code runs) while it queues help requests,
 * then started again on the same data folder. Its help services run in a child process
 * (children/help-queue-app.ts) against a desk that is down, so every request goes through the outbox's
 * durable write; the kill lands at a different point of that write in each round. After the restart the
 * org is up: every request the technician was told is queued reaches it exactly once, no queue file is
 * unreadable, and the draft of the request being written at the kill is still on disk.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { cryptoRandom } from '../../../main/core/random.ts';
import { silentLogger } from '../../../main/core/redact.ts';
import { startLocalOrg } from '../../../main/local-org/server.ts';
import { createHelpOutbox } from '../../../main/support/help-outbox.ts';
import { createHelpService } from '../../../main/support/help-service.ts';
import { orgHelpRequests } from './fault-kit.ts';

const CHILD = fileURLToPath(new URL('./children/help-queue-app.ts', import.meta.url));
const ROUNDS = [3, 11, 29];
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A loopback port nothing listens on: the desk is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs the app's help services until `kills` requests are acknowledged as queued, then SIGKILLs them. */
async function runAndKill(dataDir: string, tag: string, kills: number): Promise<string[]> {
  const child = spawn(process.execPath, [CHILD, dataDir, `http://127.0.0.1:${await deadPort()}`, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acknowledged: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('QUEUED ')) acknowledged.push(line.slice(7));
      // Killed as soon as the count is reached: the child is then in its next draft save or queue write.
      if (acknowledged.length >= kills && child.exitCode === null) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => (acknowledged.length >= kills ? resolve() : reject(new Error(`child exited early: ${stderr}`))));
  });
  expect(await exited).toBe('SIGKILL');
  return acknowledged;
}

describe('app killed while queuing help requests', () => {
  it.each(ROUNDS)('killed after %i acknowledged requests: after the restart every one reaches the org exactly once', async (kills) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'garage-app-killed-'));
    dirs.push(dataDir);
    const tag = `kill${kills}`;
    const acknowledged = await runAndKill(dataDir, tag, kills);

    // Started again, with the org up this time.
    // The desk allows 20 requests a minute per address (support-routes.ts): its clock is moved past each window.
    const orgClock = manualClock(Date.now());
    const org = await startLocalOrg({ dataDir: join(dataDir, 'org'), port: 0, log: silentLogger, clock: orgClock });
    try {
      const outbox = createHelpOutbox(join(dataDir, 'support'), cryptoRandom);
      const scan = await outbox.scan();
      expect(scan.unreadable).toEqual([]);
      const waiting = scan.entries.map((entry) => entry.body.email as string);
      // Everything acknowledged is on disk; at most the one being written at the kill is there too.
      expect(acknowledged.filter((email) => !waiting.includes(email))).toEqual([]);
      expect(waiting.length - acknowledged.length).toBeLessThanOrEqual(1);

      const clock = manualClock(Date.now());
      const help = createHelpService({ supportUrl: org.url, fetch: (url, init) => fetch(url, init), clock, sleep: async () => undefined, outbox, log: silentLogger });
      let sent = 0;
      for (let round = 0; round < 10 && (await outbox.scan()).entries.length > 0; round += 1) {
        sent += await help.flush();
        clock.advance(60 * 60_000);
        orgClock.advance(60 * 60_000);
      }
      expect(sent).toBe(waiting.length);
      expect((await outbox.scan()).entries).toEqual([]);

      const stored = orgHelpRequests(join(dataDir, 'org')).map((row) => row.email);
      const lost = acknowledged.filter((email) => !stored.includes(email));
      const duplicated = stored.filter((email, i) => stored.indexOf(email) !== i);
      expect({ lost, duplicated }).toEqual({ lost: [], duplicated: [] });

      // The request being typed at the kill: its draft is whole (old or new, never half-written), or it
      // was already queued and its draft cleared.
      const draftText = await readFile(join(dataDir, 'support', 'draft.json'), 'utf8').catch(() => undefined);
      if (draftText !== undefined) expect((JSON.parse(draftText) as { email: string }).email).toMatch(new RegExp(`^${tag}-\\d+@garage\\.test$`));
      // Temp files of the interrupted write are left aside, never read as requests.
      const names = await readdir(join(dataDir, 'support', 'queue'));
      expect(names.filter((name) => name.endsWith('.json'))).toEqual([]);
    } finally {
      await org.close();
    }
  });
});
