/**
 * Fault table, disk rows: the help outbox's folder is full, or read-only, while a help request waits in it.
 * A real file system plays each fault: a 64 KiB tmpfs mounted on the outbox folder (tests run as root), filled
 * to ENOSPC or remounted read-only. After the fault and a restart of the app on the same data folder,
 * every request the technician was told is queued is in the org exactly once, and the one the disk could
 * not take was refused on screen with E_SUPPORT_NOT_SAVED (the text stays there), never silently dropped.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/bootstrap.ts';
import { faultyNetwork, helpRequest, orgHelpRequests, pcClock } from './fault-kit.ts';

const AFTER_BACKOFF_MS = 60 * 60_000;

function tryMount(dir: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (error: unknown) {
    return String((error as { stderr?: Buffer }).stderr ?? error).trim();
  }
}

/** Whether this machine lets the suite mount a tmpfs (root with CAP_SYS_ADMIN); the reason when not. */
const mountProbe = await (async () => {
  const dir = await mkdtemp(join(tmpdir(), 'garage-mount-probe-'));
  const refused = tryMount(dir);
  if (!refused) execFileSync('umount', [dir]);
  await rm(dir, { recursive: true, force: true });
  return refused;
})();

const mounted: string[] = [];
const stacks: Stack[] = [];
const dataDirs: string[] = [];
afterEach(async () => {
  for (const stack of stacks.splice(0)) await stack.close();
  for (const dir of mounted.splice(0)) execFileSync('umount', ['-l', dir]);
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A workstation whose help outbox lives on a 64 KiB tmpfs; the org and settings live on the normal disk. */
async function workstation() {
  const dataDir = await mkdtemp(join(tmpdir(), 'garage-disk-fault-'));
  dataDirs.push(dataDir);
  const outboxDir = join(dataDir, 'app', 'support');
  await mkdir(outboxDir, { recursive: true });
  const refused = tryMount(outboxDir);
  if (refused) throw new Error(`mount failed: ${refused}`);
  mounted.push(outboxDir);
  const network = faultyNetwork();
  const clock = pcClock();
  const start = async () => {
    const stack = await startStack({ dataDir, wrapFetch: network.wrap, appClock: clock });
    stacks.push(stack);
    return stack;
  };
  return { dataDir, outboxDir, network, clock, start };
}

async function fill(dir: string): Promise<void> {
  const chunk = Buffer.alloc(4096, 0x2e);
  for (let i = 0; ; i += 1) {
    try {
      await writeFile(join(dir, `filler-${i}`), chunk);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
      throw error;
    }
  }
}

const queueFiles = async (outboxDir: string) => (await readdir(join(outboxDir, 'queue')).catch(() => [])).filter((name) => name.endsWith('.json'));
const inOrg = (dataDir: string, email: string) => orgHelpRequests(join(dataDir, 'org')).filter((row) => row.email === email).length;

describe.skipIf(mountProbe !== undefined)(`disk faults${mountProbe ? ` (skipped: cannot mount a tmpfs here: ${mountProbe})` : ''}`, () => {
  it('the outbox folder is full while a request is queued: the queued one is sent, the new one is refused on screen, nothing lost after a restart', async () => {
    const ws = await workstation();
    const stack = await ws.start();
    ws.network.state.fault = 'down';
    const queued = helpRequest(`full-queued-${Date.now()}`);
    expect(await stack.app.handlers['support.requestHelp'](queued)).toEqual({ ok: true, value: { queued: true } });
    await fill(ws.outboxDir);

    const unsaved = helpRequest(`full-unsaved-${Date.now()}`);
    expect(await stack.app.handlers['support.saveDraft']({ email: unsaved.email, reason: unsaved.reason, message: unsaved.message, includeDiagnostics: false })).toEqual({ ok: true, value: { saved: false } });
    expect(await stack.app.handlers['support.requestHelp'](unsaved)).toMatchObject({ ok: false, error: { code: 'E_SUPPORT_NOT_SAVED' } });
    expect(await queueFiles(ws.outboxDir)).toHaveLength(1);

    // The network comes back with the disk still full: the queued request goes, and leaves the queue.
    ws.network.state.fault = 'none';
    ws.clock.shift(AFTER_BACKOFF_MS);
    expect(await stack.app.flushHelpOutbox()).toBe(1);
    expect(await queueFiles(ws.outboxDir)).toEqual([]);

    // Restart on the same data folder, space freed: nothing waits, and the technician sends again what was refused.
    await stack.close();
    stacks.splice(stacks.indexOf(stack), 1);
    for (const name of await readdir(ws.outboxDir)) if (name.startsWith('filler-')) await rm(join(ws.outboxDir, name));
    const restarted = await ws.start();
    expect(await restarted.app.flushHelpOutbox()).toBe(0);
    expect(await restarted.app.handlers['support.requestHelp'](unsaved)).toMatchObject({ ok: true, value: { queued: false } });
    expect(inOrg(ws.dataDir, queued.email)).toBe(1);
    expect(inOrg(ws.dataDir, unsaved.email)).toBe(1);
  });

  it('the outbox folder turns read-only while a request is queued: it waits on disk (not sent twice), the new one is refused on screen, nothing lost after a restart', async () => {
    const ws = await workstation();
    const stack = await ws.start();
    ws.network.state.fault = 'down';
    const queued = helpRequest(`ro-queued-${Date.now()}`);
    expect(await stack.app.handlers['support.requestHelp'](queued)).toEqual({ ok: true, value: { queued: true } });
    execFileSync('mount', ['-o', 'remount,ro', ws.outboxDir]);

    const unsaved = helpRequest(`ro-unsaved-${Date.now()}`);
    expect(await stack.app.handlers['support.saveDraft']({ email: unsaved.email, reason: unsaved.reason, message: unsaved.message, includeDiagnostics: false })).toEqual({ ok: true, value: { saved: false } });
    expect(await stack.app.handlers['support.requestHelp'](unsaved)).toMatchObject({ ok: false, error: { code: 'E_SUPPORT_NOT_SAVED' } });

    // The network is back but the folder is read-only: sending now would send it again after a restart.
    ws.network.state.fault = 'none';
    ws.clock.shift(AFTER_BACKOFF_MS);
    expect(await stack.app.flushHelpOutbox()).toBe(0);
    expect(await queueFiles(ws.outboxDir)).toHaveLength(1);
    expect(inOrg(ws.dataDir, queued.email)).toBe(0);

    await stack.close();
    stacks.splice(stacks.indexOf(stack), 1);
    execFileSync('mount', ['-o', 'remount,rw', ws.outboxDir]);
    const restarted = await ws.start();
    expect(await restarted.app.flushHelpOutbox()).toBe(1);
    expect(await queueFiles(ws.outboxDir)).toEqual([]);
    expect(await restarted.app.handlers['support.requestHelp'](unsaved)).toMatchObject({ ok: true, value: { queued: false } });
    expect(inOrg(ws.dataDir, queued.email)).toBe(1);
    expect(inOrg(ws.dataDir, unsaved.email)).toBe(1);
  });
});
