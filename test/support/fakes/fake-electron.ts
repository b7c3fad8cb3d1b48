/**
 * Just enough of Electron's ipcMain / webContents / frames to drive main/shell/ipc-binding.ts under Node:
 * invoke a channel as a given frame and get what the handler returned.
 */
type Handler = (event: unknown, payload: unknown) => unknown;

export interface FakeFrame {
  url: string;
}

export interface FakeWebContents {
  mainFrame: FakeFrame;
  sent: Array<{ channel: string; payload: unknown }>;
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export function fakeWebContents(url: string): FakeWebContents {
  const contents: FakeWebContents = {
    mainFrame: { url },
    sent: [],
    send(channel, payload) {
      contents.sent.push({ channel, payload });
    },
    isDestroyed: () => false,
  };
  return contents;
}

export function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle(channel: string, handler: Handler) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    /** Calls a channel the way ipcRenderer.invoke would, from `sender`'s `frame`. */
    async invoke(channel: string, payload: unknown, sender: FakeWebContents, frame: FakeFrame = sender.mainFrame): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ sender, senderFrame: frame }, payload);
    },
  };
}
