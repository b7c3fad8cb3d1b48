import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../../../../main/core/random.ts';
import { createHelpOutbox } from '../../../../main/support/help-outbox.ts';

const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

describe('help outbox folders', () => {
  it('creates its folders for the owner only (drafts and queued requests hold personal data)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'garage-help-modes-'));
    const dir = join(root, 'help');
    const outbox = createHelpOutbox(dir, cryptoRandom);
    await outbox.saveDraft({ message: 'brouillon' });
    const entry = await outbox.enqueue({ email: 'ana@garage.test' }, 1_700_000_000_000);
    await outbox.setAside(entry);
    expect(await mode(dir)).toBe('700');
    expect(await mode(join(dir, 'queue'))).toBe('700');
    expect(await mode(join(dir, 'rejected'))).toBe('700');
  });
});
