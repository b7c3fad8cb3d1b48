import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../../preload/channel-names.ts';
import { channels } from '../../../preload/contract.ts';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, payload: unknown) => ({ channel, payload }));
const listeners = new Map<string, (...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => void listeners.set(channel, listener),
    removeListener: (channel: string) => void listeners.delete(channel),
  },
}));

await import('../../../preload/index.ts');
const garage = exposed.garage as Record<string, unknown> & { on: (event: string, cb: (payload: unknown) => void) => () => void };

describe('preload', () => {
  it('exposes exactly one function per contract channel, plus on()', () => {
    expect(Object.keys(garage).sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
    expect(Object.keys(channels).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('is frozen, so the page cannot add or replace a channel', () => {
    expect(Object.isFrozen(garage)).toBe(true);
  });

  it('forwards a call to its prefixed IPC channel and nothing else', async () => {
    await (garage['auth.signIn'] as (request: unknown) => Promise<unknown>)({ username: 'a', password: 'b' });
    expect(invoke).toHaveBeenCalledWith(`${IPC_PREFIX}auth.signIn`, { username: 'a', password: 'b' });
  });

  it('delivers event payloads without the IPC event object, and unsubscribes', () => {
    const received: unknown[] = [];
    const off = garage.on('auth.changed', (payload) => received.push(payload));
    listeners.get(`${IPC_PREFIX}auth.changed`)?.({ sender: 'ipc-event' }, { status: 'NONE' });
    expect(received).toEqual([{ status: 'NONE' }]);
    off();
    expect(listeners.has(`${IPC_PREFIX}auth.changed`)).toBe(false);
  });

  it('refuses to subscribe to an event outside the contract', () => {
    expect(() => garage.on('ipc.raw', () => undefined)).toThrow(/Unknown event/);
  });
});
