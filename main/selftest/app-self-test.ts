/**
 * The installer self-test (`--selftest`, `support.selfTest`) wired to the app's own adapters: the policy as
 * loaded, the keychain, the keys this computer sees, the ceremony path, and the org's engine asked afresh.
 * Its org and clock checks also feed the help request's diagnostics.
 */
import type { FetchLike } from '../auth/authn-http.ts';
import type { EngineDetector } from '../auth/engine-detection.ts';
import type { Clock } from '../core/clock.ts';
import type { AppError } from '../core/errors.ts';
import { ok } from '../core/result.ts';
import type { SecretStore } from '../keychain/secret-store.ts';
import type { MachinePolicy } from '../settings/machine-policy.ts';
import type { CeremonyPath } from '../yubikey/path-choice.ts';
import { runSelfTest, type EngineFact } from './self-test.ts';

export interface AppSelfTestDeps {
  readonly orgUrl: string;
  readonly fetch: FetchLike;
  readonly clock: Clock;
  /** The machine policy as loaded; none when the installer set none. */
  readonly policy?: MachinePolicy | undefined;
  /** A policy file that could not be used: the policy check fails with it. */
  readonly policyError?: AppError | undefined;
  readonly secretStore: SecretStore;
  readonly listKeys: () => Promise<ReadonlyArray<{ product: string }>>;
  readonly keyPath: CeremonyPath;
  readonly detector: EngineDetector;
  /** The authenticator keys the Identity Engine org named in the last sign-in; none on Classic. */
  readonly offeredAuthenticators: () => readonly string[];
}

export function createAppSelfTest(deps: AppSelfTestDeps): () => ReturnType<typeof runSelfTest> {
  // Asks the org again (or reads the policy's pin), as a sign-in would.
  const engine = async (): Promise<EngineFact> => {
    const detected = await deps.detector.detect();
    const fact = detected.ok ? detected.value : undefined;
    return {
      engine: fact && fact.source !== 'fallback' ? fact.engine : undefined,
      source: fact?.source ?? 'fallback',
      failure: fact?.failure,
      authenticators: deps.offeredAuthenticators(),
    };
  };
  return () =>
    runSelfTest({
      orgUrl: deps.orgUrl,
      fetch: deps.fetch,
      clock: deps.clock,
      policy: deps.policyError ? { ok: false, error: deps.policyError } : ok(deps.policy),
      keychain: () => deps.secretStore.availability(),
      keychainRequired: deps.policy?.desktopAuthenticator === true,
      listKeys: deps.listKeys,
      keyPath: deps.keyPath,
      engine,
    });
}
