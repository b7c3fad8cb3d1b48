/** Drives the org's /device Okta Verify simulator over HTTP like a browser: cookies, CSRF token, forms. */
export interface SimulatedDevice {
  pair(code: string): Promise<number>;
  /** Pending pushes: id and the numbers offered. */
  pushes(): Promise<{ id: string; choices: string[] }[]>;
  answer(pushId: string, choice: string): Promise<number>;
  page(): Promise<string>;
}

export function simulatedDevice(orgUrl: string): SimulatedDevice {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const page = async () => {
    const response = await fetch(`${orgUrl}/device`, { headers: { Cookie: cookieHeader() } });
    keep(response);
    return response.text();
  };
  const submit = async (path: string, fields: Record<string, string>) => {
    const html = await page();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const response = await fetch(orgUrl + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader(), Origin: orgUrl },
      body: new URLSearchParams({ csrf, ...fields }).toString(),
    });
    keep(response);
    return response.status;
  };
  return {
    pair: (code) => submit('/device/pair', { code, name: 'Test phone' }),
    async pushes() {
      const html = await page();
      return [...html.matchAll(/<li data-push="([^"]+)">([\s\S]*?)<\/li>/g)].map((m) => ({
        id: m[1] ?? '',
        choices: [...(m[2] ?? '').matchAll(/name="choice" value="(\d+)"/g)].map((c) => c[1] ?? ''),
      }));
    },
    answer: (pushId, choice) => submit(`/device/push/${encodeURIComponent(pushId)}`, { choice }),
    page,
  };
}
