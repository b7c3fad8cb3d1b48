import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import { allowOrigins, createDispatch } from '../../../../main/core/dispatch.ts';
import { bindIpc, createEventSender } from '../../../../main/shell/ipc-binding.ts';
import { APP_ORIGIN } from '../../../../main/shell/window-options.ts';
import { CHANNEL_NAMES, IPC_PREFIX } from '../../../../preload/contract.ts';
import { silentLogger } from '../../../../main/core/redact.ts';
import { fakeIpcMain, fakeWebContents } from '../../../support/fakes/fake-electron.ts';
import { recordingHandlers } from '../../../support/test-handlers.ts';

vi.mock('electron', () => ({ default: {} }));

function setup() {
  const ipc = fakeIpcMain();
  const appContents = fakeWebContents(`${APP_ORIGIN}/index.html`);
  const { handlers, calls } = recordingHandlers();
  bindIpc(ipc as unknown as IpcMain, createDispatch(handlers, allowOrigins([APP_ORIGIN]), silentLogger), () => appContents as unknown as WebContents);
  return { ipc, appContents, calls };
}

describe('IPC binding', () => {
  it('registers exactly one handler per contract channel', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map((name) => IPC_PREFIX + name).sort());
  });

  it('delivers a valid request from the app window to its handler', async () => {
    const { ipc, appContents, calls } = setup();
    const response = await ipc.invoke(`${IPC_PREFIX}auth.signIn`, { username: 'ana@garage.test', password: 'pw' }, appContents);
    expect(response).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(calls).toEqual([{ channel: 'auth.signIn', request: { username: 'ana@garage.test', password: 'pw' } }]);
  });

  it('has no Electron handler for a channel outside the table, so the page cannot call it', async () => {
    const { ipc, appContents } = setup();
    await expect(ipc.invoke(`${IPC_PREFIX}shell.exec`, {}, appContents)).rejects.toThrow(/No handler/);
  });

  it.each([
    ['a missing field', { username: 'ana@garage.test' }, ['password']],
    ['an extra field smuggled in', { username: 'a@b.c', password: 'x', stateToken: 'abc' }, ['']],
    ['a wrong type', { username: 42, password: 'x' }, ['username']],
    ['an oversized password', { username: 'a@b.c', password: 'x'.repeat(10_000) }, ['password']],
    ['no payload at all', undefined, ['(root)']],
  ])('rejects a payload with %s as E_IPC_BAD_REQUEST without calling the handler', async (_case, payload, fields) => {
    const { ipc, appContents, calls } = setup();
    const response = (await ipc.invoke(`${IPC_PREFIX}auth.signIn`, payload, appContents)) as { ok: boolean; error: { code: string; fields: string[] } };
    expect(response.ok).toBe(false);
    expect(response.error.code).toBe('E_IPC_BAD_REQUEST');
    for (const field of fields.filter(Boolean)) expect(response.error.fields).toContain(field);
    expect(calls).toHaveLength(0);
  });

  it('never echoes a rejected value back (a bad payload may hold a password)', async () => {
    const { ipc, appContents } = setup();
    const response = await ipc.invoke(`${IPC_PREFIX}auth.signIn`, { username: 'a@b.c', password: 7, secretField: 'Hunter2-secret' }, appContents);
    expect(JSON.stringify(response)).not.toContain('Hunter2-secret');
  });

  it('rejects a call from a foreign frame (an iframe inside the app window) as E_IPC_FORBIDDEN_SENDER', async () => {
    const { ipc, appContents, calls } = setup();
    const response = await ipc.invoke(`${IPC_PREFIX}auth.state`, {}, appContents, { url: `${APP_ORIGIN}/index.html` });
    expect(response).toEqual({ ok: false, error: { code: 'E_IPC_FORBIDDEN_SENDER' } });
    expect(calls).toHaveLength(0);
  });

  it('rejects a call from another window as E_IPC_FORBIDDEN_SENDER', async () => {
    const { ipc, calls } = setup();
    const other = fakeWebContents(`${APP_ORIGIN}/index.html`);
    expect(await ipc.invoke(`${IPC_PREFIX}auth.state`, {}, other)).toEqual({ ok: false, error: { code: 'E_IPC_FORBIDDEN_SENDER' } });
    expect(calls).toHaveLength(0);
  });

  it('rejects a call from the app window once it navigated to a foreign origin', async () => {
    const { ipc, appContents } = setup();
    appContents.mainFrame.url = 'https://evil.example/phish.html';
    expect(await ipc.invoke(`${IPC_PREFIX}auth.state`, {}, appContents)).toEqual({ ok: false, error: { code: 'E_IPC_FORBIDDEN_SENDER' } });
  });

  it('sends only contract-valid events to the page', () => {
    const contents = fakeWebContents(`${APP_ORIGIN}/index.html`);
    const send = createEventSender(() => contents as unknown as WebContents);
    send('auth.changed', { status: 'NONE', canGoBack: false, canSkip: false });
    send('auth.changed', { status: 'NONE', canGoBack: false, canSkip: false, stateToken: 'leak' } as never);
    expect(contents.sent).toEqual([{ channel: `${IPC_PREFIX}auth.changed`, payload: { status: 'NONE', canGoBack: false, canSkip: false } }]);
  });
});
