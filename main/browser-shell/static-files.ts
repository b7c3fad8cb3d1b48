/**
 * The built renderer, read from its folder and nowhere else, with the window.garage shim injected into the
 * page at serve time (the built files never contain it, so it cannot be enabled in the packaged app).
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export const SHIM_PATH = '/__shell/shim.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  readonly body: Buffer | string;
  readonly contentType: string;
  /** The app's page: it gets the shim and the CSP. */
  readonly isPage: boolean;
}

/** The file a decoded request path names inside the renderer folder, or undefined (outside, missing, unreadable). */
export async function readRendererFile(rendererDir: string, path: string): Promise<StaticFile | undefined> {
  const root = normalize(rendererDir);
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(root + sep)) return undefined;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return undefined;
  }
  const isPage = file.endsWith(`${sep}index.html`);
  return {
    // `defer`: the shim still runs before the app's module script (deferred scripts and module scripts run in
    // document order) without holding the parser, so the module script is fetched at once.
    body: isPage ? body.toString('utf8').replace('<script', `<script defer src=".${SHIM_PATH}"></script>\n    <script`) : body,
    contentType: TYPES[extname(file)] ?? 'application/octet-stream',
    isPage,
  };
}
