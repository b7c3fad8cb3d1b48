/**
 * The page side of the browser shell: defines window.garage over a WebSocket, with the shape the preload
 * exposes. It carries no secret: the WebSocket upgrade is authenticated by the run's HttpOnly cookie, which
 * the page's own script cannot read either. Served only by the browser shell, never bundled.
 */
export const SOCKET_PATH = '/__shell/ws';

export function shimScript(channelNames: readonly string[], eventNames: readonly string[]): string {
  return `(() => {
  'use strict';
  const channels = ${JSON.stringify(channelNames)};
  const eventNames = ${JSON.stringify(eventNames)};
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + ${JSON.stringify(SOCKET_PATH)};
  let socket;
  let nextId = 1;
  const pending = new Map();
  const listeners = new Map();
  const outbox = [];
  function connect() {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => { while (outbox.length) socket.send(outbox.shift()); });
    socket.addEventListener('message', (message) => {
      let data;
      try { data = JSON.parse(message.data); } catch { return; }
      if (data.id !== undefined) {
        const done = pending.get(data.id);
        pending.delete(data.id);
        if (done) done(data.response);
      } else if (data.event) {
        for (const listener of listeners.get(data.event) || []) listener(data.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const done of pending.values()) done({ ok: false, error: { code: 'E_INTERNAL' } });
      pending.clear();
      setTimeout(connect, 500);
    });
  }
  connect();
  const api = {};
  for (const name of channels) {
    api[name] = (request) => new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const frame = JSON.stringify({ id, channel: name, payload: request });
      if (socket.readyState === 1) socket.send(frame); else outbox.push(frame);
    });
  }
  api.on = (event, listener) => {
    if (!eventNames.includes(event)) throw new Error('Unknown event ' + event);
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return () => listeners.get(event).delete(listener);
  };
  Object.defineProperty(window, 'garage', { value: Object.freeze(api), writable: false, configurable: false });
})();
`;
}
