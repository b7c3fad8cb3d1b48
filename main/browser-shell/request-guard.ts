/**
 * What every request to the browser shell must be before anything answers it: sent to one of the loopback
 * names with our port (a DNS-rebinding page sends its own host name), with a path that decodes and stays
 * short. Pure functions: the server turns a refusal into its status code and a log line.
 */
export type Refusal = { readonly status: 400 | 403 | 404 | 405 | 414 | 421; readonly reason: string };

const MAX_PATH = 1024;

export function allowedHosts(port: number): readonly string[] {
  return [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
}

/** The page origins the shell serves: one per allowed host. */
export function allowedOrigins(port: number): readonly string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export function checkHost(host: string | undefined, port: number): Refusal | undefined {
  if (typeof host !== 'string' || !allowedHosts(port).includes(host.toLowerCase())) return { status: 421, reason: 'host not allowed' };
  return undefined;
}

/** The decoded path of a request URL, or why it is refused. Never throws (`%`, `%00`, overlong, odd forms). */
export function requestPath(rawUrl: string | undefined): { path: string; query: URLSearchParams } | Refusal {
  if (typeof rawUrl !== 'string' || rawUrl.length > MAX_PATH * 4) return { status: 414, reason: 'url too long' };
  if (!rawUrl.startsWith('/')) return { status: 400, reason: 'not an origin-form path' };
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://shell.invalid');
  } catch {
    return { status: 400, reason: 'unparsable url' };
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, reason: 'bad percent-encoding' };
  }
  if (path.length > MAX_PATH) return { status: 414, reason: 'path too long' };
  if (path.includes('\0') || path.includes('\\')) return { status: 400, reason: 'forbidden character in path' };
  return { path, query: url.searchParams };
}
