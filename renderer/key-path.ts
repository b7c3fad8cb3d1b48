/**
 * Where the security-key ceremony runs (main/yubikey/path-choice.ts): in this page (browser preview), or in
 * main over USB (the packaged app). Screens ask main to do it in the second case.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { AppInfoView } from '../preload/contract.ts';
import { onEvent } from './api.ts';

export const KeyPathContext = createContext<AppInfoView['keyPath']>('renderer');

export function useKeyPath(): AppInfoView['keyPath'] {
  return useContext(KeyPathContext);
}

/** The model of the key waiting for a touch, while it waits ("YubiKey 5"). */
export function useTouchPrompt(): [string | undefined, () => void] {
  const [model, setModel] = useState<string>();
  useEffect(() => onEvent('yubikey.touch', ({ model: waiting }) => setModel(waiting)), []);
  return [model, () => setModel(undefined)];
}
