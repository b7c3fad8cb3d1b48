/**
 * A start-up that fails after the embedded org is listening gives its port and database back: a second
 * attempt (the installer's retry, a restarted app) must not find them held by a half-started process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp } from '../../../main/start/start-app.ts';
import { fakeElectronPlatform } from '../../support/start/fake-electron-platform.ts';

vi.mock('electron', () => ({ default: {} }));

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'garage-failed-start-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('a start-up that fails while setting up the security keys', () => {
  it('closes the embedded org it had started, then reports the failure', async () => {
    const port = await freePort();
    const fake = fakeElectronPlatform({ userData: join(dir, 'data'), os: 'win32' });
    let asked = 0;
    const platform = {
      ...fake.platform,
      isWindowsAdmin: async () => {
        asked += 1;
        // By then the org answers on its port: the failure comes after it started.
        expect(await accepts(port)).toBe(true);
        throw new Error('token query failed');
      },
    };
    await expect(startApp(platform, { appOrigins: ['app://garage'], mainRunsKeys: true, org: { port } })).rejects.toThrow('token query failed');
    expect(asked).toBe(1);
    expect(await accepts(port)).toBe(false);
  });
});
