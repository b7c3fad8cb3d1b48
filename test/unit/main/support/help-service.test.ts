import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../../main/auth/authn-http.ts';
import { manualClock } from '../../../../main/core/clock.ts';
import { cryptoRandom } from '../../../../main/core/random.ts';
import { createLogger } from '../../../../main/core/redact.ts';
import { createHelpOutbox } from '../../../../main/support/help-outbox.ts';
import { createHelpService } from '../../../../main/support/help-service.ts';
import { nodeOutboxFiles, type OutboxFiles } from '../../../../main/support/outbox-files.ts';

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

async function setup(fetcher?: FetchLike) {
  const dir = await mkdtemp(join(tmpdir(), 'garage-help-'));
  const { state, fetcher: deskFetch } = desk();
  const outbox = createHelpOutbox(dir, cryptoRandom);
  const clock = manualClock(1_700_000_000_000);
  const lines: string[] = [];
  const service = createHelpService({
    supportUrl: 'http://localhost:1',
    fetch: fetcher ?? deskFetch,
    clock,
    sleep: async () => undefined,
    timeoutMs: 50,
    outbox,
    log: createLogger((line) => lines.push(line)),
  });
  return { dir, state, outbox, service, clock, lines };
}

/** Past any backoff the service may have set after a failure. */
const LATER_MS = 60 * 60_000;

const request = { email: 'ana@garage.test', reason: 'cannot-log-in', message: 'Téléphone perdu', locale: 'fr' };

describe('help requests', () => {
  it('returns the reference to read to support when the org answers', async () => {
    const { state, service } = await setup();
    state.up = true;
    expect(await service.send(request)).toEqual({ ok: true, value: { reference: 'HR-KKK1', queued: false } });
  });

  it('queues the request on disk when offline, and sends it once the org is back', async () => {
    const { state, service, outbox, clock } = await setup();
    expect(await service.send(request)).toEqual({ ok: true, value: { queued: true } });
    expect((await outbox.scan()).entries).toHaveLength(1);
    expect(await service.flush()).toBe(0);
    state.up = true;
    clock.advance(LATER_MS);
    expect(await service.flush()).toBe(1);
    expect(state.received).toEqual([request]);
    expect((await outbox.scan()).entries).toHaveLength(0);
  });

  it('queues the request when the configured desk does not exist (404), instead of losing it', async () => {
    const { state, service, outbox } = await setup();
    state.up = true;
    state.missing = true;
    expect(await service.send(request)).toEqual({ ok: true, value: { queued: true } });
    expect((await outbox.scan()).entries).toHaveLength(1);
  });

  it('keeps a queued request across a restart (a new outbox over the same folder)', async () => {
    const { dir, service } = await setup();
    await service.send(request);
    const reopened = createHelpOutbox(dir, cryptoRandom);
    expect((await reopened.scan()).entries.map((entry) => entry.body)).toEqual([request]);
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
    const { dir, state, service, outbox, clock } = await setup();
    await service.send(request);
    state.up = true;
    state.refuse = true;
    clock.advance(LATER_MS);
    expect(await service.flush()).toBe(0);
    expect((await outbox.scan()).entries).toHaveLength(0);
    expect(await readdir(join(dir, 'rejected'))).toHaveLength(1);
  });

  it('reports a queue file it cannot parse, with its name and why, and keeps it on disk', async () => {
    const { dir, service, outbox, clock, lines } = await setup();
    await service.send(request);
    await writeFile(join(dir, 'queue', '0-corrupt.json'), '{not json');
    await writeFile(join(dir, 'queue', '1-other.json'), '{"id":"x"}');
    const scan = await outbox.scan();
    expect(scan.entries).toHaveLength(1);
    expect(scan.unreadable).toEqual([
      { name: '0-corrupt.json', reason: 'not-json' },
      { name: '1-other.json', reason: 'bad-shape' },
    ]);
    expect(await service.status()).toEqual({ queued: 1, unreadable: 2, setAside: 0 });
    clock.advance(LATER_MS);
    await service.flush();
    expect(lines.filter((line) => line.includes('support.outbox-unreadable'))).toHaveLength(1);
    expect(lines.join('\n')).toContain('0-corrupt.json:not-json');
    expect(await readdir(join(dir, 'queue'))).toContain('0-corrupt.json');
  });

  it('keeps the last of many overlapping draft saves, each under its own temp name, and leaves no temp file', async () => {
    const { dir, outbox } = await setup();
    const saves = Array.from({ length: 25 }, (_, i) => outbox.saveDraft({ email: 'ana@garage.test', message: `v${i}` }));
    await expect(Promise.all(saves)).resolves.toHaveLength(25);
    expect(await outbox.loadDraft()).toEqual({ email: 'ana@garage.test', message: 'v24' });
    expect(await readdir(dir)).toEqual(['draft.json']);
  });
});

/** Answers that are not the desk's refusal: the network's, a portal's or a proxy's, or a hang. */
const NOT_A_REFUSAL: Array<[string, () => Promise<Response>]> = [
  ['a captive portal answering 200 with an HTML page', async () => new Response('<html><body>Wi-Fi login</body></html>', { status: 200, headers: { 'content-type': 'text/html' } })],
  ['a proxy asking for credentials (407)', async () => new Response('<html>Proxy Authentication Required</html>', { status: 407, headers: { 'proxy-authenticate': 'Basic' } })],
  ['a 404 HTML page (wrong desk URL)', async () => new Response('<html>Not Found</html>', { status: 404 })],
  ['a 404 in Okta form (E0000007)', async () => new Response(JSON.stringify({ errorCode: 'E0000007', errorSummary: 'Not found' }), { status: 404 })],
  ['a 502 from a gateway', async () => new Response('Bad Gateway', { status: 502 })],
  ['a 503 in Okta form', async () => new Response(JSON.stringify({ errorCode: 'E0000009', errorSummary: 'Internal Server Error' }), { status: 503 })],
  ['a rate limit (429 E0000047)', async () => new Response(JSON.stringify({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit' }), { status: 429 })],
  ['a 200 JSON without a reference', async () => new Response(JSON.stringify({ ok: true }), { status: 200 })],
];

describe('help requests the network answers for the desk', () => {
  it.each(NOT_A_REFUSAL)('queues a new request on %s', async (_name, answer) => {
    const { service, outbox } = await setup(answer);
    expect(await service.send(request)).toEqual({ ok: true, value: { queued: true } });
    expect((await outbox.scan()).entries).toHaveLength(1);
  });

  it.each(NOT_A_REFUSAL)('keeps a queued request for a later try on %s, never setting it aside', async (_name, answer) => {
    let reply = answer;
    const { dir, service, outbox, clock } = await setup(() => reply());
    await service.send(request);
    clock.advance(LATER_MS);
    expect(await service.flush()).toBe(0);
    expect((await outbox.scan()).entries).toHaveLength(1);
    await expect(readdir(join(dir, 'rejected'))).rejects.toMatchObject({ code: 'ENOENT' });
    reply = async () => new Response(JSON.stringify({ reference: 'HR-AB12' }), { status: 201 });
    clock.advance(LATER_MS);
    expect(await service.flush()).toBe(1);
    expect((await outbox.scan()).entries).toHaveLength(0);
  });

  it('keeps a queued request when the desk does not answer before the time-out', async () => {
    const hang: FetchLike = (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const { service, outbox, clock } = await setup(hang);
    expect(await service.send(request)).toEqual({ ok: true, value: { queued: true } });
    clock.advance(LATER_MS);
    expect(await service.flush()).toBe(0);
    expect((await outbox.scan()).entries).toHaveLength(1);
  });

  it('waits longer after each failure before trying again, and sends at once when the wait is over', async () => {
    const calls: number[] = [];
    let up = false;
    const { service, clock } = await setup(async () => {
      calls.push(clock.nowMs());
      return up ? new Response(JSON.stringify({ reference: 'HR-AB12' }), { status: 201 }) : new Response('<html>portal</html>', { status: 200 });
    });
    await service.send(request);
    const waits: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const before = calls.length;
      let waited = 0;
      while (calls.length === before) {
        clock.advance(1000);
        waited += 1000;
        await service.flush();
      }
      waits.push(waited);
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000]);
    up = true;
    clock.advance(480_000);
    expect(await service.flush()).toBe(1);
    expect(await service.flush()).toBe(0);
  });

  it('sets aside only the desk\'s own refusal (an Okta error with a 4xx status)', async () => {
    const { dir, service, clock } = await setup(async () => new Response(JSON.stringify({ errorCode: 'E0000001', errorSummary: 'Api validation failed' }), { status: 400 }));
    expect(await service.send(request)).toMatchObject({ ok: false, error: { code: 'E_SUPPORT_INVALID' } });
    clock.advance(LATER_MS);
    expect(await readdir(dir).catch(() => [])).not.toContain('queue');
  });

  it('says a request was neither sent nor saved when the disk refuses it, and keeps the draft', async () => {
    const { dir, outbox, service } = await setup(async () => {
      throw new TypeError('fetch failed');
    });
    await outbox.saveDraft({ email: 'ana@garage.test', message: 'en cours' });
    await writeFile(join(dir, 'queue'), 'a file where the folder should be');
    expect(await service.send(request)).toMatchObject({ ok: false, error: { code: 'E_SUPPORT_NOT_SAVED' } });
    expect(JSON.parse(await readFile(join(dir, 'draft.json'), 'utf8'))).toEqual({ email: 'ana@garage.test', message: 'en cours' });
  });
});

describe('help outbox durability', () => {
  it('makes a queued request durable: file synced before its rename, folder synced after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'garage-help-'));
    const calls: string[] = [];
    const short = (path: string) => path.slice(dir.length + 1).replace(/\.\d+-[a-f0-9]+\.tmp$/, '.tmp').replace(/\d+-[a-f0-9]{16}/, 'ID');
    const files: OutboxFiles = {
      ...nodeOutboxFiles,
      async writeDurable(file, text) {
        await nodeOutboxFiles.writeDurable(file, text);
        calls.push(`write+sync ${short(file)}`);
      },
      async renameDurable(from, to) {
        await nodeOutboxFiles.renameDurable(from, to);
        calls.push(`rename+sync-folder ${short(from)} -> ${short(to)}`);
      },
    };
    const outbox = createHelpOutbox(dir, cryptoRandom, files);
    await outbox.enqueue({ email: 'ana@garage.test' }, 1);
    expect(calls).toEqual(['write+sync queue/ID.json.tmp', 'rename+sync-folder queue/ID.json.tmp -> queue/ID.json']);
  });

  it('clears a draft on a computer where no help was ever asked (no support folder yet) without an error', async () => {
    // "Switch technician" on a fresh computer clears the draft before the support folder exists.
    const dir = join(await mkdtemp(join(tmpdir(), 'garage-help-')), 'support');
    const outbox = createHelpOutbox(dir, cryptoRandom);
    await expect(outbox.clearDraft()).resolves.toBeUndefined();
    await expect(nodeOutboxFiles.remove(join(dir, 'queue', 'gone.json'))).resolves.toBeUndefined();
  });

  it('creates its folders for this user only (0700) and its files 0600', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'garage-help-')), 'support');
    const outbox = createHelpOutbox(dir, cryptoRandom);
    const entry = await outbox.enqueue({ email: 'ana@garage.test' }, 1);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'queue'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'queue', `1-${entry.id}.json`))).mode & 0o777).toBe(0o600);
  });
});
