/**
 * A new factor row. The Authn drivers and the IDX authenticators give only what is theirs (kind, provider,
 * status, secret, profile), so a factor looks the same whichever engine enrolled it and the other engine
 * can verify it.
 */
import type { Clock } from '../../core/clock.ts';
import type { RandomBytes } from '../../core/random.ts';
import { newId, type ID_PREFIX } from '../security/okta-ids.ts';
import type { FactorProvider, FactorRow, FactorStatus, FactorType } from '../store/factor-store.ts';

export interface NewFactor {
  /** The id's kind (its Okta-like prefix). */
  readonly kind: keyof typeof ID_PREFIX;
  readonly type: FactorType;
  readonly provider: FactorProvider;
  readonly status: FactorStatus;
  readonly profile: Readonly<Record<string, unknown>>;
  readonly secret?: string | null;
  /** The replay guard's starting point (a WebAuthn key's sign count); none yet otherwise. */
  readonly lastTimeStep?: number;
  readonly answerHash?: string | null;
}

export function newFactorRow(ctx: { readonly clock: Clock; readonly random: RandomBytes }, userId: string, factor: NewFactor): FactorRow {
  const now = ctx.clock.nowMs();
  return {
    id: newId(ctx.random, factor.kind),
    user_id: userId,
    factor_type: factor.type,
    provider: factor.provider,
    status: factor.status,
    secret: factor.secret ?? null,
    last_time_step: factor.lastTimeStep ?? -1,
    profile: JSON.stringify(factor.profile),
    answer_hash: factor.answerHash ?? null,
    created_ms: now,
    updated_ms: now,
  };
}
