/**
 * The OS WebAuthn path's window (Windows without administrator rights, yubikey-hid.md §0 and §7): a small
 * modal window whose document is on the org origin, so Chromium hands the ceremony to webauthn.dll and
 * Windows' own dialog asks for the touch and the PIN. The document is the app's page, served by the
 * window's private session from the app's files: the window never loads anything from the network.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { BrowserWindow as BrowserWindowType, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { BrowserWindow, ipcMain, session } from 'electron';
import type { Language } from '../../preload/contract.ts';
import { OS_WEBAUTHN_FINISH, OS_WEBAUTHN_REQUEST } from '../../preload/os-webauthn-channels.ts';
import type { OsWebauthnRequest, OsWebauthnWindow } from '../yubikey/os-webauthn.ts';
import { CONTENT_SECURITY_POLICY, isPermissionAllowed } from './window-options.ts';
import { OS_WEBAUTHN_PARTITION, osWebauthnPageUrl, osWebauthnWindowOptions, resolveOsWebauthnFile } from './os-webauthn-options.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
/** Windows' dialog has its own time limit; this one only frees the app if the window is forgotten. */
const CEREMONY_LIMIT_MS = 5 * 60_000;

export interface OsWebauthnWindowDeps {
  readonly rendererDir: string;
  readonly preloadPath: string;
  readonly parent: () => BrowserWindowType | undefined;
  readonly language: () => Promise<Language>;
}

interface Pending {
  readonly request: OsWebauthnRequest & { readonly language: Language };
  readonly win: BrowserWindowType;
  readonly resolve: (answer: unknown) => void;
}

export function createOsWebauthnWindow(deps: OsWebauthnWindowDeps): OsWebauthnWindow {
  let pending: Pending | undefined;
  let servedOrigin = '';

  const ses = session.fromPartition(OS_WEBAUTHN_PARTITION);
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  // Both schemes: the training org is http, and an unhandled scheme would go to the org itself (which 404s).
  // Every request the window makes is answered here, so it never reaches the network whatever the org's scheme.
  const serve = async (request: Request) => {
    const file = resolveOsWebauthnFile(deps.rendererDir, servedOrigin, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), { headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
  for (const scheme of ['https', 'http']) ses.protocol.handle(scheme, serve);

  /** Only the window main opened for this ceremony, on the org origin, may ask or answer. */
  const fromPending = (event: IpcMainEvent | IpcMainInvokeEvent) =>
    pending !== undefined && event.sender === pending.win.webContents && event.senderFrame?.url !== undefined && new URL(event.senderFrame.url).origin === servedOrigin;

  ipcMain.handle(OS_WEBAUTHN_REQUEST, (event) => {
    if (!fromPending(event) || !pending) throw new Error('not the security-key window');
    const { kind, optionsJson, language } = pending.request;
    return { kind, optionsJson, language };
  });
  ipcMain.on(OS_WEBAUTHN_FINISH, (event: IpcMainEvent, answer: unknown) => {
    if (!fromPending(event) || !pending) return;
    const done = pending;
    pending = undefined;
    done.resolve(answer);
    done.win.close();
  });

  return async (request) => {
    // One ceremony at a time: a second one closes the first, which then reads as cancelled.
    pending?.win.close();
    const language = await deps.language();
    servedOrigin = new URL(request.origin).origin;
    const parent = deps.parent();
    const win = new BrowserWindow({ ...osWebauthnWindowOptions(deps.preloadPath, 'Garage Sign-In'), ...(parent ? { parent } : { modal: false }) });
    win.setMenu(null);
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    win.webContents.on('will-redirect', (event) => event.preventDefault());
    win.webContents.on('will-attach-webview', (event) => event.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    return new Promise<unknown>((resolve) => {
      const limit = setTimeout(() => win.close(), CEREMONY_LIMIT_MS);
      const entry: Pending = { request: { ...request, language }, win, resolve };
      pending = entry;
      win.once('ready-to-show', () => win.show());
      win.on('closed', () => {
        clearTimeout(limit);
        if (pending === entry) pending = undefined;
        resolve(undefined); // no effect when the page already answered
      });
      win.loadURL(osWebauthnPageUrl(request.origin)).catch(() => win.close());
    });
  };
}
