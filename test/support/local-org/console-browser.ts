/** A cookie-keeping form client for the /admin console, like a browser without JavaScript. */
export interface ConsoleClient {
  get(path: string): Promise<{ status: number; html: string; location: string | null }>;
  /** Posts a form with the CSRF token of the page at `from` (default: the same path's page). */
  post(path: string, fields: Record<string, string>, from?: string): Promise<{ status: number; html: string; location: string | null }>;
  cookies(): ReadonlyMap<string, string>;
  setCookies(): readonly string[];
}

export function consoleClient(orgUrl: string): ConsoleClient {
  const jar = new Map<string, string>();
  const raw: string[] = [];
  const send = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(orgUrl + path, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      raw.push(line);
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (pair.slice(eq + 1) === '') jar.delete(pair.slice(0, eq));
      else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  };
  return {
    get: (path) => send(path),
    async post(path, fields, from = '/admin') {
      const page = await send(from);
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
      return send(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: orgUrl }, body: new URLSearchParams({ csrf, ...fields }).toString() });
    },
    cookies: () => jar,
    setCookies: () => raw,
  };
}
