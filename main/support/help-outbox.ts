/**
 * "Request Help" must never lose what a technician typed: the draft is saved on every change, and a
 * request that cannot be sent (no network, org down) waits on disk and is sent when the org answers.
 * Files are written to a temp name then renamed, so a crash leaves either the old or the new file.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { RandomBytes } from '../core/random.ts';

export const QueuedHelpRequest = z.strictObject({
  id: z.string().regex(/^[a-f0-9]{16}$/),
  queuedAtMs: z.number().int(),
  body: z.record(z.string(), z.unknown()),
});
export type QueuedHelpRequest = z.infer<typeof QueuedHelpRequest>;

/** A JSON file's content, or null when it is missing or not JSON (callers validate the shape). */
async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, file);
}

export function createHelpOutbox(dir: string, random: RandomBytes) {
  const queueDir = join(dir, 'queue');
  const draftFile = join(dir, 'draft.json');

  return {
    async saveDraft(draft: unknown): Promise<void> {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeAtomic(draftFile, JSON.stringify(draft));
    },

    async loadDraft(): Promise<unknown> {
      return readJsonFile(draftFile);
    },

    async clearDraft(): Promise<void> {
      await rm(draftFile, { force: true });
    },

    async enqueue(body: Record<string, unknown>, nowMs: number): Promise<QueuedHelpRequest> {
      await mkdir(queueDir, { recursive: true, mode: 0o700 });
      const entry: QueuedHelpRequest = { id: Buffer.from(random(8)).toString('hex'), queuedAtMs: nowMs, body };
      await writeAtomic(join(queueDir, `${entry.queuedAtMs}-${entry.id}.json`), JSON.stringify(entry));
      return entry;
    },

    /** Queued requests, oldest first; unreadable files are skipped, not deleted (support can recover them). */
    async pending(): Promise<QueuedHelpRequest[]> {
      let names: string[];
      try {
        names = (await readdir(queueDir)).filter((name) => name.endsWith('.json')).sort();
      } catch {
        return [];
      }
      const entries: QueuedHelpRequest[] = [];
      for (const name of names) {
        const parsed = QueuedHelpRequest.safeParse(await readJsonFile(join(queueDir, name)));
        if (parsed.success) entries.push(parsed.data);
      }
      return entries;
    },

    async remove(entry: QueuedHelpRequest): Promise<void> {
      await rm(join(queueDir, `${entry.queuedAtMs}-${entry.id}.json`), { force: true });
    },

    /** Moves a request the org refused aside (rejected/), so it is neither retried forever nor lost. */
    async setAside(entry: QueuedHelpRequest): Promise<void> {
      const name = `${entry.queuedAtMs}-${entry.id}.json`;
      await mkdir(join(dir, 'rejected'), { recursive: true, mode: 0o700 });
      await rename(join(queueDir, name), join(dir, 'rejected', name));
    },
  };
}

export type HelpOutbox = ReturnType<typeof createHelpOutbox>;
