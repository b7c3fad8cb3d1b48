/**
 * The preload is dumb (conventions §4.9): one function per contract channel, an `on()` limited to the
 * contract's events, nothing else. It holds no secrets, never uses sendSync, and passes only JSON values.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, IPC_PREFIX } from './channel-names.ts';
import type { EventName, GarageApi } from './contract.ts';

export function buildGarageApi(invoke: (channel: string, payload: unknown) => Promise<unknown>, subscribe: typeof ipcRenderer.on, unsubscribe: typeof ipcRenderer.removeListener): GarageApi {
  const api: Record<string, unknown> = {};
  for (const name of CHANNEL_NAMES) {
    api[name] = (request: unknown) => invoke(IPC_PREFIX + name, request);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event ${String(event)}`);
    // The IpcRendererEvent is dropped: it would hand the page a sender object.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    subscribe.call(ipcRenderer, IPC_PREFIX + event, wrapped);
    return () => {
      unsubscribe.call(ipcRenderer, IPC_PREFIX + event, wrapped);
    };
  };
  return Object.freeze(api) as unknown as GarageApi;
}

contextBridge.exposeInMainWorld(
  'garage',
  buildGarageApi((channel, payload) => ipcRenderer.invoke(channel, payload), ipcRenderer.on, ipcRenderer.removeListener),
);
