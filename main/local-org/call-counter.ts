/**
 * How many Identity Engine (`/idp/idx/*`) and Authn (`/api/v1/authn*`) calls the org served since it
 * started, so a test can tell which engine a client used. IDX calls are tied to the OAuth client whose
 * interaction they belong to (interaction handle or state handle → transaction → client id); a call whose
 * handle names no transaction has no client and is counted apart. The Authn API has no client at all.
 * In memory only, read through the module API (`org.calls()`), never over HTTP.
 */
export interface OrgCalls {
  /** `/idp/idx/*` calls per OAuth client id. */
  readonly idx: Readonly<Record<string, number>>;
  /** `/idp/idx/*` calls whose handle named no transaction (unknown, expired or missing). */
  readonly idxWithoutClient: number;
  /** `/api/v1/authn*` calls (no client in the Authn API). */
  readonly authn: number;
}

export interface CallCounter {
  idx(clientId: string | undefined): void;
  authn(): void;
  snapshot(): OrgCalls;
}

export function createCallCounter(): CallCounter {
  const idx = new Map<string, number>();
  let idxWithoutClient = 0;
  let authn = 0;
  return {
    idx(clientId) {
      if (clientId === undefined) idxWithoutClient += 1;
      else idx.set(clientId, (idx.get(clientId) ?? 0) + 1);
    },
    authn() {
      authn += 1;
    },
    snapshot: () => ({ idx: Object.fromEntries(idx), idxWithoutClient, authn }),
  };
}

/** Whether a route counts as an Authn API call (`/api/v1/authn` and everything under it). */
export function isAuthnPath(path: string): boolean {
  return path === '/api/v1/authn' || path.startsWith('/api/v1/authn/');
}
