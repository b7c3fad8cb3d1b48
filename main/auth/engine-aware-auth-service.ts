/**
 * One auth service over both Okta engines: each new sign-in asks the
 * engine detector which engine the org runs and hands the whole transaction to that client; every later
 * call goes to the client that holds it. A sign-in refused because the engine changed (an org upgraded or
 * with the Interaction Code grant off) is asked again once, unless the machine policy pins the engine.
 * With no Identity Engine client configured (no client id), Classic serves upgraded orgs too: Okta keeps
 * `/api/v1/authn` working after the upgrade (okta-idx.md §6).
 */
import type { TransactionView } from '../../preload/contract.ts';
import type { Logger } from '../core/redact.ts';
import type { Result } from '../core/result.ts';
import type { AuthService } from './auth-service.ts';
import type { Engine, EngineDetection, EngineDetector } from './engine-detection.ts';

export interface EngineAwareDeps {
  readonly detector: EngineDetector;
  readonly classic: AuthService;
  readonly identity: AuthService | undefined;
  readonly log: Logger;
}

/**
 * The calls about the transaction in progress: each goes to the client that holds it. Only a new sign-in
 * (`signIn`, `redeemToken`) picks an engine; a method added to AuthService and not listed here or there
 * fails typecheck below.
 */
const TRANSACTION_CALLS = [
  'view', 'resetPassword', 'enroll', 'activate', 'poll', 'verify', 'webauthnActivate', 'webauthnVerify', 'resend', 'previous', 'skip', 'cancel',
  'takeHandOffGrant', 'hasSession', 'userId', 'totpSecretInProgress', 'totpSetup', 'webauthnOptions', 'offers',
] as const satisfies ReadonlyArray<keyof AuthService>;

/** Each named method, forwarded to whichever service `target` returns at call time. */
function forwardTo<K extends keyof AuthService>(target: () => AuthService, names: readonly K[]): Pick<AuthService, K> {
  // One cast: TypeScript cannot call `target()[name]` for a generic key (a union of signatures); the
  // returned Pick keeps every forwarded method's own signature for callers.
  const forward = (name: K) => (...args: unknown[]): unknown => (target()[name] as (...a: unknown[]) => unknown)(...args);
  return Object.fromEntries(names.map((name) => [name, forward(name)])) as Pick<AuthService, K>;
}

export function createEngineAwareAuthService(deps: EngineAwareDeps): AuthService & { engine(): EngineDetection | undefined; activeEngine(): Engine } {
  let active: Engine = 'classic';
  const client = (engine: Engine): AuthService => (engine === 'identity' && deps.identity ? deps.identity : deps.classic);
  const current = () => client(active);

  async function choose(): Promise<Engine> {
    const detected = await deps.detector.detect();
    const engine = detected.ok ? detected.value.engine : 'classic';
    if (engine === 'identity' && !deps.identity) deps.log.warn('auth.engine.identity_without_client', {});
    return engine === 'identity' && deps.identity ? 'identity' : 'classic';
  }

  async function fresh(run: (service: AuthService) => Promise<Result<TransactionView>>): Promise<Result<TransactionView>> {
    // A new transaction ends the one the other client may hold.
    const before = active;
    active = await choose();
    if (before !== active) await client(before).cancel();
    const first = await run(current());
    if (first.ok || first.error.code !== 'E_AUTH_ENGINE_CHANGED' || deps.detector.pinned()) return first;
    const again = await choose();
    deps.log.info('auth.engine.changed', { from: active, to: again });
    if (again === active) return first;
    active = again;
    return run(current());
  }

  return {
    ...forwardTo(current, TRANSACTION_CALLS),
    signIn: (username: string, password: string) => fresh((s) => s.signIn(username, password)),
    /**
     * An activation link goes to the engine the org runs, like a sign-in: on Identity Engine the token
     * goes to /v1/interact (password with the policy, security question, then the second factor).
     */
    redeemToken: (token: string) => fresh((s) => s.redeemToken(token)),
    engine: () => deps.detector.current(),
    activeEngine: () => active,
  };
}
