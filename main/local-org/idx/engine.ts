/**
 * Which Okta engine an org runs: Classic (`/api/v1/authn` only) or Identity Engine (IDX pipeline and
 * the interaction-code grant). Okta reports it at `GET /.well-known/okta-organization` as
 * `pipeline: "v1"` or `"idx"` (okta-idx.md §1). The engine lives in the org's data (meta table), so a
 * data folder keeps its engine across restarts; the only way from classic to identity is the upgrade,
 * which keeps users, factors and sessions, as Okta's upgrade does. There is no way back (Okta offers none).
 */
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { getMeta, setMeta } from '../store/meta-store.ts';
import { listUsers } from '../store/user-store.ts';

export const ENGINES = ['classic', 'identity'] as const;
export type OrgEngine = (typeof ENGINES)[number];

const ENGINE_KEY = 'engine';

export function isEngine(value: unknown): value is OrgEngine {
  return typeof value === 'string' && (ENGINES as readonly string[]).includes(value);
}

/** A data folder was started with an engine other than the one it holds. */
export class EngineMismatchError extends Error {
  readonly code = 'ORG_ENGINE_MISMATCH';
  readonly stored: OrgEngine;
  readonly requested: OrgEngine;

  constructor(stored: OrgEngine, requested: OrgEngine) {
    super(
      stored === 'classic'
        ? `this org runs the classic engine; it was not started as identity. Upgrade it with "npm run org -- org:upgrade --data <dir>" (users, factors and sessions are kept), or start it with --engine classic.`
        : `this org runs the identity engine; an identity org cannot go back to classic. Start it with --engine identity, or use another data folder.`,
    );
    this.stored = stored;
    this.requested = requested;
  }
}

/** The engine stored in the org's data. A folder from before engines existed was a classic org. */
export function storedEngine(db: Db): OrgEngine | undefined {
  const value = getMeta(db, ENGINE_KEY);
  if (isEngine(value)) return value;
  return listUsers(db).length > 0 ? 'classic' : undefined;
}

export function engineOf(db: Db): OrgEngine {
  return storedEngine(db) ?? 'classic';
}

/**
 * At start: a fresh folder takes the requested engine (classic if none); an existing folder keeps its
 * own, and asking for the other one is refused rather than silently switching engines.
 */
export function settleEngine(db: Db, requested: OrgEngine | undefined): OrgEngine {
  return inTransaction(db, () => {
    const stored = storedEngine(db);
    if (stored && requested && stored !== requested) throw new EngineMismatchError(stored, requested);
    const engine = stored ?? requested ?? 'classic';
    setMeta(db, ENGINE_KEY, engine);
    return engine;
  });
}

/** Classic → identity. Idempotent: upgrading an identity org reports `already`. */
export function upgradeToIdentity(db: Db): { readonly engine: 'identity'; readonly already: boolean } {
  return inTransaction(db, () => {
    const already = engineOf(db) === 'identity';
    setMeta(db, ENGINE_KEY, 'identity');
    return { engine: 'identity', already };
  });
}

/** `pipeline` of `/.well-known/okta-organization`. */
export function pipelineOf(engine: OrgEngine): 'v1' | 'idx' {
  return engine === 'identity' ? 'idx' : 'v1';
}
