/**
 * Where the security-key ceremony runs (main/yubikey/path-choice.ts): in this page (browser preview), or in
 * main over USB (the packaged app). Screens ask main to do it in the second case.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { AppInfoView, EventPayload } from '../preload/contract.ts';
import type { Translate } from './i18n/catalog.ts';
import { call, onEvent } from './api.ts';

export const KeyPathContext = createContext<AppInfoView['keyPath']>('renderer');

export function useKeyPath(): AppInfoView['keyPath'] {
  return useContext(KeyPathContext);
}

export type TouchPrompt = EventPayload<'yubikey.touch'>;

/** The key waiting for a touch, while it waits ("YubiKey 5"), or how many keys to choose from. */
export function useTouchPrompt(): [TouchPrompt | undefined, () => void] {
  const [prompt, setPrompt] = useState<TouchPrompt>();
  useEffect(() => onEvent('yubikey.touch', setPrompt), []);
  return [prompt, () => setPrompt(undefined)];
}

/** What to say while main waits on a key: which key to touch, or to touch the one to use among several. */
export function touchText(t: Translate, keyPath: AppInfoView['keyPath'], prompt: TouchPrompt | undefined): string {
  if (keyPath === 'os-webauthn') return t('key.followOsWindow');
  if (prompt?.choosing) return t('key.touchToChoose', { count: prompt.choosing });
  return prompt ? t('key.touchModel', { model: prompt.model }) : t('key.touchNow');
}

/** The YubiKey plugged in now, by model ("YubiKey 5"), kept current as keys are plugged and pulled. */
export function usePluggedModel(): string | undefined {
  const [model, setModel] = useState<string>();
  useEffect(() => {
    let live = true;
    const refresh = () => void call('yubikey.plugged', {}).then((response) => live && setModel(response.ok ? response.value.models[0] : undefined));
    refresh();
    const off = onEvent('yubikey.device', refresh);
    return () => {
      live = false;
      off();
    };
  }, []);
  return model;
}

/** "Touch the gold disc", naming the plugged key when there is one. */
export function touchDiscText(t: Translate, model: string | undefined): string {
  return model ? t('yubikey.touchDiscModel', { model }) : t('yubikey.touchDisc');
}
