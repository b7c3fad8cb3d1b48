import { describe, expect, it } from 'vitest';
import { listenLoopback } from '../../../../main/local-org/http/loopback-listener.ts';

describe('loopback listener', () => {
  it('gives every listener (127.0.0.1 and ::1) the same header and request time-outs', async () => {
    const listener = await listenLoopback((_req, res) => res.end(), 0);
    try {
      expect(listener.servers.length).toBeGreaterThanOrEqual(1);
      for (const server of listener.servers) {
        expect(server.headersTimeout).toBe(15_000);
        expect(server.requestTimeout).toBe(30_000);
      }
    } finally {
      await listener.close();
    }
  });
});
