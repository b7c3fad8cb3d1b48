/**
 * Serves the renderer from the privileged `app://garage` scheme instead of file://, so the page has a
 * real origin the IPC sender check can pin, and file:// keeps no extra privileges (fuse, issue #9).
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { DrawFirstFrame } from '../start/first-frame.ts';
import { withPageBoot, type PageBoot } from '../start/page-boot.ts';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './window-options.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Must run before app 'ready' (Electron requirement for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } }]);
}

/** Resolves a request path inside the renderer folder, or undefined for anything that escapes it. */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | undefined {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return undefined;
  const root = normalize(rendererDir);
  const file = normalize(join(root, decodeURIComponent(url.pathname)));
  return file.startsWith(root + sep) ? file : undefined;
}

/**
 * The bytes served for a renderer file: the app's page carries main's first answers (main/start/page-boot.ts)
 * and, drawn from them, the sign-in screen (main/start/first-frame.ts).
 */
export async function appFileBody(rendererDir: string, file: string, boot?: () => Promise<PageBoot>, drawFirstFrame?: DrawFirstFrame): Promise<Buffer<ArrayBuffer> | string> {
  const body = await readFile(file);
  if (!boot || file !== join(normalize(rendererDir), 'index.html')) return body;
  const answers = await boot();
  return withPageBoot(body.toString('utf8'), answers, drawFirstFrame?.(answers));
}

export function handleAppScheme(rendererDir: string, boot?: () => Promise<PageBoot>, drawFirstFrame?: DrawFirstFrame): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await appFileBody(rendererDir, file, boot, drawFirstFrame);
      return new Response(body, { headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
