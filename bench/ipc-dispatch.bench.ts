/**
 * Cost of the IPC boundary: schema validation of the request and of the response, per call, against the
 * handler alone. The boundary must stay far below what a screen can notice (a frame is 16 ms).
 */
import { allowOrigins, createDispatch } from '../main/core/dispatch.ts';
import { silentLogger } from '../main/core/redact.ts';
import { ok } from '../main/core/result.ts';
import type { Handlers } from '../main/core/dispatch.ts';
import type { TransactionView } from '../preload/contract.ts';

const view: TransactionView = {
  status: 'MFA_REQUIRED',
  canGoBack: false,
  canSkip: false,
  user: { login: 'ana.martin@garage.test', firstName: 'Ana', lastName: 'Martin' },
  factors: [
    { id: 'uft1', kind: 'totp-google' },
    { id: 'opf1', kind: 'push-okta', label: 'iPhone de Ana' },
    { id: 'ufs1', kind: 'question', label: 'What is the food you least liked as a child?' },
  ],
  expiresAt: '2026-05-01T10:05:00.000Z',
};

function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  return (async () => {
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) await fn();
    return ((performance.now() - start) * 1000) / runs;
  })();
}

export default async function bench() {
  const handler = async () => ok(view);
  const handlers = new Proxy({} as Handlers, { get: () => handler });
  const dispatch = createDispatch(handlers, allowOrigins(['app://garage']), silentLogger);
  const sender = { origin: 'app://garage', isMainFrame: true, isAppWindow: true };
  const request = { factorId: 'uft1', passCode: '123 456' };
  const runs = 20_000;
  await time(2000, () => dispatch('auth.verify', request, sender));
  const bare = await time(runs, () => handler());
  const validated = await time(runs, () => dispatch('auth.verify', request, sender));
  const refused = await time(runs, () => dispatch('auth.verify', { factorId: 7 }, sender));
  return {
    name: 'IPC boundary (dispatch with request + response validation)',
    figures: {
      'handler alone (µs/call)': bare.toFixed(2),
      'through dispatch (µs/call)': validated.toFixed(2),
      'refused bad payload (µs/call)': refused.toFixed(2),
      'validation overhead (µs/call)': (validated - bare).toFixed(2),
      'overhead vs one 60 Hz frame': `${(((validated - bare) / 16_667) * 100).toFixed(3)} %`,
    },
  };
}
