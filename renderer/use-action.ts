import { useCallback, useState } from 'react';
import type { ChannelName, ChannelRequest, ChannelValue, ErrorView } from '../preload/contract.ts';
import { call } from './api.ts';

/** One call to main with its busy flag and its error, the way every screen needs it. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView>();
  const run = useCallback(async <K extends ChannelName>(channel: K, request: ChannelRequest<K>): Promise<ChannelValue<K> | undefined> => {
    setBusy(true);
    setError(undefined);
    const response = await call(channel, request);
    setBusy(false);
    if (response.ok) return response.value as ChannelValue<K>;
    setError(response.error);
    return undefined;
  }, []);
  return { busy, error, setError, run };
}
