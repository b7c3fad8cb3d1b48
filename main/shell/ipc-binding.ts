/**
 * Binds every contract channel to ipcMain.handle and turns Electron's sender frame into the facts the
 * transport-free dispatcher checks (our window, main frame, our origin), as VS Code's validated IPC does.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES, IPC_PREFIX, type EventName, type EventPayload, events } from '../../preload/contract.ts';
import type { Dispatch, SenderFacts } from '../core/dispatch.ts';
import { originOf } from './window-options.ts';

export function senderFacts(event: IpcMainInvokeEvent, appWebContents: () => WebContents | undefined): SenderFacts {
  const frame = event.senderFrame;
  return {
    origin: frame ? originOf(frame.url) : 'null',
    isMainFrame: frame !== null && frame !== undefined && frame === event.sender.mainFrame,
    isAppWindow: event.sender === appWebContents(),
  };
}

export function bindIpc(ipcMain: IpcMain, dispatch: Dispatch, appWebContents: () => WebContents | undefined): () => void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(IPC_PREFIX + name, (event, payload: unknown) => dispatch(name, payload, senderFacts(event, appWebContents)));
  }
  return () => {
    for (const name of CHANNEL_NAMES) ipcMain.removeHandler(IPC_PREFIX + name);
  };
}

/** Main → page events, validated against the contract before they leave. */
export function createEventSender(appWebContents: () => WebContents | undefined) {
  return <K extends EventName>(event: K, payload: EventPayload<K>): void => {
    const target = appWebContents();
    const checked = events[event].safeParse(payload);
    if (!target || target.isDestroyed() || !checked.success) return;
    target.send(IPC_PREFIX + event, checked.data);
  };
}
