/**
 * Which Okta engine an org runs, asked of the org itself: `GET /.well-known/okta-organization` answers
 * without authentication with `pipeline: "v1"` (Classic) or `"idx"` (Identity Engine) (Okta API
 * `getWellknownOrgMetadata`; okta-idx.md §1). Orgs get upgraded, so the answer is asked again at each
 * sign-in and whenever a sign-in failure says the engine changed; the last answer is kept with its date
 * for the diagnostics. The machine policy may pin the engine, for an org whose document a proxy hides.
 */
import { z } from 'zod';
import type { AppErrorCode } from '../core/errors.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { requestJson, type HttpDeps } from './authn-http.ts';

export type Engine = 'classic' | 'identity';
export type EnginePin = Engine | 'auto';

export interface EngineDetection {
  readonly engine: Engine;
  /** When the org answered (or the policy was read), local clock, ms. */
  readonly detectedAtMs: number;
  /** `fallback`: the org did not answer and nothing was known; Classic, the engine every org had before. */
  readonly source: 'org' | 'policy' | 'fallback';
  /** Why the org's answer is missing (fallback only). */
  readonly failure?: AppErrorCode;
}

const OrgMetadata = z.looseObject({ pipeline: z.string().max(32) });

/** Only `v1` is Classic (okta-aws-cli treats it so); `idx` is Identity Engine; anything else is unknown. */
export function engineOfPipeline(pipeline: string): Engine | undefined {
  if (pipeline === 'v1') return 'classic';
  if (pipeline === 'idx') return 'identity';
  return undefined;
}

export interface EngineDetectorDeps extends HttpDeps {
  readonly orgUrl: string;
  readonly pin?: EnginePin | undefined;
}

export function createEngineDetector(deps: EngineDetectorDeps) {
  let cached: EngineDetection | undefined;
  const pinned = deps.pin && deps.pin !== 'auto' ? deps.pin : undefined;

  async function ask(): Promise<Result<EngineDetection>> {
    const url = new URL('/.well-known/okta-organization', deps.orgUrl).toString();
    const answer = await requestJson(deps, 'GET', url, undefined, OrgMetadata, { idempotent: true });
    if (!answer.ok) return answer;
    const engine = engineOfPipeline(answer.value.pipeline);
    if (!engine) return fail('E_AUTH_ENGINE_UNKNOWN', { cause: { pipeline: answer.value.pipeline.slice(0, 32) } });
    return ok({ engine, detectedAtMs: deps.clock.nowMs(), source: 'org' });
  }

  return {
    /** The engine to use now: the policy's pin, else the org's answer (asked again), else the last answer. */
    async detect(): Promise<Result<EngineDetection>> {
      if (pinned) {
        cached ??= { engine: pinned, detectedAtMs: deps.clock.nowMs(), source: 'policy' };
        return ok(cached);
      }
      const answer = await ask();
      if (answer.ok) {
        cached = answer.value;
        return answer;
      }
      // The org is unreachable or hides the document: keep going on the last known answer, else on
      // Classic, whose sign-in then reports the real failure (unreachable, timeout) in its own words.
      return ok(cached ?? { engine: 'classic', detectedAtMs: deps.clock.nowMs(), source: 'fallback', failure: answer.error.code });
    },
    /** The last answer, for app.info and the diagnostics; no network. */
    current: (): EngineDetection | undefined => cached,
    /** Whether a pinned engine forbids switching after a failure that says the engine changed. */
    pinned: (): boolean => pinned !== undefined,
  };
}

export type EngineDetector = ReturnType<typeof createEngineDetector>;
