/**
 * "Request Help" must never lose what a technician typed: the draft is saved on every change, and a
 * request that cannot be sent (no network, org down) waits on disk and is sent when the org answers.
 * Files are written durably under a temp name then renamed (outbox-files.ts), so a crash or a power cut
 * leaves either the old or the new file, never a half-written one under the final name.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { RandomBytes } from '../core/random.ts';
import { nodeOutboxFiles, type OutboxFiles } from './outbox-files.ts';

export const QueuedHelpRequest = z.strictObject({
  id: z.string().regex(/^[a-f0-9]{16}$/),
  queuedAtMs: z.number().int(),
  body: z.record(z.string(), z.unknown()),
});
export type QueuedHelpRequest = z.infer<typeof QueuedHelpRequest>;

/** Why a queue file could not be used: support opens the file by its name in the queue folder. */
export type UnreadableReason = 'unreadable' | 'not-json' | 'bad-shape';
export interface UnreadableFile {
  readonly name: string;
  readonly reason: UnreadableReason;
}

/** What the queue folder holds: the requests to send, oldest first, and the files that are not requests. */
export interface OutboxScan {
  readonly entries: QueuedHelpRequest[];
  readonly unreadable: UnreadableFile[];
}

export interface OutboxCounts {
  readonly queued: number;
  readonly unreadable: number;
  readonly setAside: number;
}

const fileName = (entry: QueuedHelpRequest) => `${entry.queuedAtMs}-${entry.id}.json`;

export function createHelpOutbox(dir: string, random: RandomBytes, files: OutboxFiles = nodeOutboxFiles) {
  const queueDir = join(dir, 'queue');
  const rejectedDir = join(dir, 'rejected');
  const draftFile = join(dir, 'draft.json');
  // Draft saves arrive on every keystroke and may overlap: each waits for the one before, so the last
  // one typed is the one kept, and each has its own temp name besides.
  let draftChain: Promise<unknown> = Promise.resolve();
  const hex = (n: number) => Buffer.from(random(n)).toString('hex');

  async function writeAtomic(file: string, text: string): Promise<void> {
    const temp = `${file}.${process.pid}-${hex(6)}.tmp`;
    try {
      await files.writeDurable(temp, text);
      await files.renameDurable(temp, file);
    } catch (error: unknown) {
      await files.remove(temp).catch(() => undefined);
      throw error;
    }
  }

  function serialDraft<T>(work: () => Promise<T>): Promise<T> {
    const run = draftChain.then(work, work);
    draftChain = run.catch(() => undefined);
    return run;
  }

  async function jsonFiles(folder: string): Promise<string[]> {
    try {
      return (await files.readdir(folder)).filter((name) => name.endsWith('.json')).sort();
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async function readEntry(name: string): Promise<QueuedHelpRequest | UnreadableFile> {
    let text: string;
    try {
      text = await files.readFile(join(queueDir, name));
    } catch {
      return { name, reason: 'unreadable' };
    }
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      return { name, reason: 'not-json' };
    }
    const parsed = QueuedHelpRequest.safeParse(json);
    return parsed.success ? parsed.data : { name, reason: 'bad-shape' };
  }

  /**
   * Queued requests, oldest first, and the files that are not requests. Those are reported, never
   * skipped in silence nor deleted: support can recover what the technician wrote from them.
   */
  async function scan(): Promise<OutboxScan> {
    const entries: QueuedHelpRequest[] = [];
    const unreadable: UnreadableFile[] = [];
    for (const name of await jsonFiles(queueDir)) {
      const read = await readEntry(name);
      if ('reason' in read) unreadable.push(read);
      else entries.push(read);
    }
    return { entries, unreadable };
  }

  return {
    saveDraft(draft: unknown): Promise<void> {
      return serialDraft(async () => {
        await files.mkdir(dir);
        await writeAtomic(draftFile, JSON.stringify(draft));
      });
    },

    /** The saved draft, or null when there is none or it is not JSON (callers validate the shape). */
    async loadDraft(): Promise<unknown> {
      await draftChain;
      try {
        return JSON.parse(await files.readFile(draftFile)) as unknown;
      } catch {
        return null;
      }
    },

    clearDraft(): Promise<void> {
      return serialDraft(() => files.remove(draftFile));
    },

    async enqueue(body: Record<string, unknown>, nowMs: number): Promise<QueuedHelpRequest> {
      await files.mkdir(queueDir);
      const entry: QueuedHelpRequest = { id: hex(8), queuedAtMs: nowMs, body };
      await writeAtomic(join(queueDir, fileName(entry)), JSON.stringify(entry));
      return entry;
    },

    scan,

    async counts(): Promise<OutboxCounts> {
      const { entries, unreadable } = await scan();
      return { queued: entries.length, unreadable: unreadable.length, setAside: (await jsonFiles(rejectedDir)).length };
    },

    /** Whether a sent request can be taken off the queue now: if not, sending it would send it again later. */
    canRemove: (): Promise<boolean> => files.writable(queueDir),

    async remove(entry: QueuedHelpRequest): Promise<void> {
      await files.remove(join(queueDir, fileName(entry)));
    },

    /** Moves a request the org refused aside (rejected/), so it is neither retried forever nor lost. */
    async setAside(entry: QueuedHelpRequest): Promise<void> {
      await files.mkdir(rejectedDir);
      await files.renameDurable(join(queueDir, fileName(entry)), join(rejectedDir, fileName(entry)));
    },
  };
}

export type HelpOutbox = ReturnType<typeof createHelpOutbox>;
