import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../../main/auth/authn-http.ts';
import { manualClock } from '../../../../main/core/clock.ts';
import { cryptoRandom } from '../../../../main/core/random.ts';
import { silentLogger } from '../../../../main/core/redact.ts';
import { createHelpOutbox } from '../../../../main/support/help-outbox.ts';
import { createHelpService } from '../../../../main/support/help-service.ts';

/** An org that is down until `up` is set, then answers like the support desk. */
function desk() {
  const state = { up: false, refuse: false, missing: false, received: [] as unknown[] };
  const fetcher: FetchLike = async (_url, init) => {
    if (!state.up) throw new TypeError('fetch failed');
    if (state.missing) return new Response(JSON.stringify({ errorCode: 'E0000007', errorSummary: 'Not found' }), { status: 404 });
    if (state.refuse) return new Response(JSON.stringify({ errorCode: 'E0000001', errorSummary: 'Api validation failed' }), { status: 400 });
    state.received.push(JSON.parse(init.body ?? '{}'));
    return new Response(JSON.stringify({ reference: `HR-${String(state.received.length).padStart(4, 'K')}` }), { status: 200 });
  };
  return { state, fetcher };
}

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'garage-help-'));
  const { state, fetcher } = desk();
  const outbox = createHelpOutbox(dir, cryptoRandom);
  const service = createHelpService({ supportUrl: 'http://localhost:1', fetch: fetcher, clock: manualClock(1_700_000_000_000), sleep: async () => undefined, outbox, log: silentLogger });
  return { dir, state, outbox, service };
}

const request = { email: 'ana@garage.test', reason: 'cannot-log-in', message: 'Téléphone perdu', locale: 'fr' };

describe('help requests', () => {
  it('returns the reference to read to support when the org answers', async () => {
    const { state, service } = await setup();
    state.up = true;
    expect(await service.send(request)).toEqual({ ok: true, value: { reference: 'HR-KKK1', queued: false } });
  });

  it('queues the request on disk when offline, and sends it once the org is back', async () => {
    const { state, service, outbox } = await setup();
    expect(await service.send(request)).toEqual({ ok: true, value: { queued: true } });
    expect(await outbox.pending()).toHaveLength(1);
    expect(await service.flush()).toBe(0);
    state.up = true;
    expect(await service.flush()).toBe(1);
    expect(state.received).toEqual([request]);
    expect(await outbox.pending()).toHaveLength(0);
  });

  it('queues the request when the configured desk does not exist (404), instead of losing it', async () => {
    const { state, service, outbox } = await setup();
    state.up = true;
    state.missing = true;
    expect(await service.send(request)).toEqual({ ok: true, value: { queued: true } });
    expect(await outbox.pending()).toHaveLength(1);
  });

  it('keeps a queued request across a restart (a new outbox over the same folder)', async () => {
    const { dir, service } = await setup();
    await service.send(request);
    const reopened = createHelpOutbox(dir, cryptoRandom);
    expect((await reopened.pending()).map((entry) => entry.body)).toEqual([request]);
  });

  it('keeps a draft until the request is sent, so nothing typed is lost if the app closes', async () => {
    const { state, service, outbox } = await setup();
    await outbox.saveDraft({ email: 'ana@garage.test', message: 'en cours' });
    expect(await outbox.loadDraft()).toEqual({ email: 'ana@garage.test', message: 'en cours' });
    state.up = true;
    await service.send(request);
    expect(await outbox.loadDraft()).toBeNull();
  });

  it('sets aside a queued request the org refuses for good, instead of retrying it forever or losing it', async () => {
    const { dir, state, service, outbox } = await setup();
    await service.send(request);
    state.up = true;
    state.refuse = true;
    expect(await service.flush()).toBe(0);
    expect(await outbox.pending()).toHaveLength(0);
    expect(await readdir(join(dir, 'rejected'))).toHaveLength(1);
  });

  it('skips a corrupt queue file without crashing and without deleting it', async () => {
    const { dir, service, outbox } = await setup();
    await service.send(request);
    await writeFile(join(dir, 'queue', '0-corrupt.json'), '{not json');
    expect(await outbox.pending()).toHaveLength(1);
    expect(await readdir(join(dir, 'queue'))).toContain('0-corrupt.json');
  });
});
