/**
 * The renderer's typed client of window.garage. Types only come from the contract (`import type`), so no
 * schema code enters the renderer bundle; the preload (or the test bridge's shim) provides the object.
 */
import type { ChannelName, ChannelRequest, ChannelResponse, ErrorView, GarageApi } from '../preload/contract.ts';

declare global {
  interface Window {
    readonly garage: GarageApi;
  }
}

export type { ErrorView };

const settledListeners = new Set<(channel: ChannelName) => void>();

/** Called after every call settles: the app refreshes what main learned meanwhile (clock drift, say). */
export function onCallSettled(listener: (channel: ChannelName) => void): () => void {
  settledListeners.add(listener);
  return () => settledListeners.delete(listener);
}

export async function call<K extends ChannelName>(channel: K, request: ChannelRequest<K>): Promise<ChannelResponse<K>> {
  const fn = window.garage[channel] as unknown as (request: ChannelRequest<K>) => Promise<ChannelResponse<K>>;
  const response = await fn(request).catch((): ChannelResponse<K> => ({ ok: false, error: { code: 'E_INTERNAL' } }) as ChannelResponse<K>);
  for (const listener of settledListeners) listener(channel);
  return response;
}

export const onEvent: GarageApi['on'] = (event, listener) => window.garage.on(event, listener);
