/**
 * The IPC contract over a WebSocket, for pages the shell already authenticated: each frame is
 * `{id, channel, payload}`, answered `{id, response}` by the same dispatch the Electron binding uses.
 * A frame that is not that shape is dropped and logged; nothing a page sends can throw out of here.
 */
import type { WebSocket } from 'ws';
import type { Dispatch } from '../core/dispatch.ts';
import type { Logger } from '../core/redact.ts';

export function serveSocket(ws: WebSocket, origin: string, dispatch: () => Dispatch | undefined, log: Logger): void {
  // ws reports bad frames (bad opcode, bad UTF-8, oversized) as 'error' and closes; unheard, that error would end the process.
  ws.on('error', (error) => log.warn('browser-shell.socket_error', { error: error.message }));
  ws.on('message', (data, isBinary) => {
    void answer(ws, isBinary ? undefined : String(data), origin, dispatch(), log).catch((error: unknown) => log.error('browser-shell.socket_answer_failed', { error }));
  });
}

async function answer(ws: WebSocket, text: string | undefined, origin: string, dispatch: Dispatch | undefined, log: Logger): Promise<void> {
  const frame = parseFrame(text);
  if (!frame) {
    log.warn('browser-shell.bad_frame', { length: text?.length ?? -1 });
    return;
  }
  if (!dispatch) return;
  const response = await dispatch(frame.channel, frame.payload, { origin, isMainFrame: true, isAppWindow: true });
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: frame.id, response }));
}

export function parseFrame(text: string | undefined): { id: number; channel: string; payload: unknown } | undefined {
  if (text === undefined) return undefined;
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const { id, channel, payload } = message as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof channel !== 'string' || channel.length > 64) return undefined;
  return { id, channel, payload };
}
