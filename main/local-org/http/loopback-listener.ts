/**
 * Listens on loopback only, on IPv4 and, when the machine has it, IPv6, with one port for both.
 * The public URL uses the host name `localhost` (a WebAuthn RP ID cannot be an IP address), and
 * `localhost` may resolve to 127.0.0.1 or ::1 depending on the client: Node's fetch follows
 * /etc/hosts, Chromium resolves `localhost` itself to both loopback addresses.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export interface LoopbackListener {
  readonly port: number;
  /** The listening servers (127.0.0.1, and ::1 when the machine has it). */
  readonly servers: readonly Server[];
  close(): Promise<void>;
}

/** Both addresses get the same time-outs: a client trickling headers must not hold a socket on either. */
function loopbackServer(handler: RequestListener): Server {
  const server = createServer(handler);
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  return server;
}

const IPV6_ABSENT = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EINVAL']);

export async function listenLoopback(handler: RequestListener, port: number): Promise<LoopbackListener> {
  for (let attempt = 0; ; attempt += 1) {
    const v4 = loopbackServer(handler);
    const bound = await listen(v4, port, '127.0.0.1');
    const v6 = loopbackServer(handler);
    try {
      await listen(v6, bound, '::1');
      return { port: bound, servers: [v4, v6], close: async () => void (await Promise.all([closeServer(v4), closeServer(v6)])) };
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (IPV6_ABSENT.has(code)) return { port: bound, servers: [v4], close: () => closeServer(v4) };
      await closeServer(v4);
      // Port 0 gave a port that ::1 already uses: try another free port a few times.
      if (code !== 'EADDRINUSE' || port !== 0 || attempt >= 5) throw error;
    }
  }
}
