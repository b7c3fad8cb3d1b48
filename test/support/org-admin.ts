/**
 * Test-side client of the local org's Okta-style admin API (Users API with an SSWS token), used to put
 * users in the state a test needs. It speaks Okta's public API, so it never reaches into the org's storage.
 */
export interface AdminTarget {
  readonly url: string;
  readonly adminToken: string;
}

export async function admin<T = unknown>(org: AdminTarget, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, org.url), {
    method,
    headers: { authorization: `SSWS ${org.adminToken}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

let counter = 0;
export function uniqueLogin(prefix: string): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@garage.test`;
}

/** An ACTIVE user with a password (Okta: POST /api/v1/users?activate=true with credentials.password). */
export async function createActiveUser(org: AdminTarget, login: string, password: string, locale: 'fr' | 'en' = 'fr'): Promise<{ id: string }> {
  return admin<{ id: string }>(org, 'POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Ana', lastName: 'Martin', email: login, login, locale },
    credentials: { password: { value: password } },
  });
}
