/**
 * The browser side of the test bridge: a script that defines window.garage over a WebSocket, with the
 * same shape the preload exposes. It is generated per run with the run's secret and is only ever served
 * by the bridge server; the renderer bundle and the packaged app contain no trace of it.
 */
export function shimScript(secret: string, channelNames: readonly string[], eventNames: readonly string[]): string {
  return `(() => {
  'use strict';
  const channels = ${JSON.stringify(channelNames)};
  const eventNames = ${JSON.stringify(eventNames)};
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/__bridge/ws?secret=' + ${JSON.stringify(encodeURIComponent(secret))};
  let socket;
  let nextId = 1;
  const pending = new Map();
  const listeners = new Map();
  const outbox = [];
  function connect() {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => { while (outbox.length) socket.send(outbox.shift()); });
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(message.data);
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
