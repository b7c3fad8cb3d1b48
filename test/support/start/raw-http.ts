/**
 * Raw HTTP/1.1 over a loopback socket: what a hostile local process or a rebinding page can send, with
 * bytes Node's own client would refuse to write (`%`, NUL, odd methods, oversized headers).
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** The status code, or 0 when the server closed without an HTTP answer. */
  readonly status: number;
  readonly head: string;
}

export function rawRequest(port: number, request: string | Buffer, timeoutMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.split('\r\n\r\n')[0] ?? '';
      const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
      resolve({ status: match ? Number(match[1]) : 0, head });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).includes('\r\n\r\n')) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => socket.write(request));
  });
}

export function requestText(method: string, path: string, headers: Record<string, string>): string {
  return `${method} ${path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\nConnection: close\r\n\r\n`;
}
