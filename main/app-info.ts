/**
 * What `app.info` tells the page: the build, the org and the engine it runs, the language, the clock drift
 * last measured, the remembered username and the machine policy's visible rules. Every fact is read when
 * the page asks, so a sign-in, a language change or a new drift shows on the next call.
 */
import type { AppInfoView, Language } from '../preload/contract.ts';
import type { EngineDetection } from './auth/engine-detection.ts';
import type { AppError } from './core/errors.ts';
import type { MachinePolicy } from './settings/machine-policy.ts';
import type { SettingsStore } from './settings/settings-store.ts';
import type { CeremonyPath } from './yubikey/path-choice.ts';

/** The engine as last detected (not a fallback guess) and, on Identity Engine, the authenticators the org named. */
export type EngineSeen = Pick<AppInfoView, 'engine' | 'authenticators'>;

/**
 * The engine as the org's answer or the policy last stated it, and on Identity Engine the authenticator keys
 * the org named in the last sign-in (support sees why a screen differs). Empty before any detection.
 */
export function engineSeen(auth: { engine(): EngineDetection | undefined }, identity: { offeredAuthenticators(): readonly string[] } | undefined): EngineSeen {
  const detected = auth.engine();
  if (!detected) return {};
  const authenticators = detected.engine === 'identity' ? [...(identity?.offeredAuthenticators() ?? [])] : [];
  return { engine: detected.engine, ...(authenticators.length ? { authenticators } : {}) };
}

export interface AppInfoDeps {
  readonly version: string;
  readonly build: string;
  readonly keyPath: CeremonyPath;
  readonly updates: AppInfoView['updates'];
  readonly orgHost: string;
  readonly trainingOrg: boolean;
  readonly developmentOverrides?: NonNullable<AppInfoView['developmentOverrides']> | undefined;
  readonly settings: SettingsStore;
  readonly policy: MachinePolicy;
  /** A policy file that could not be used: its code, the file (first field) and the failing keys. */
  readonly policyError?: AppError | undefined;
  readonly language: { get(): Language; readonly locked: boolean };
  readonly engine: () => EngineSeen;
  /** PC clock minus org clock, whole seconds, from the last org reply's Date header. */
  readonly driftSeconds: () => number | undefined;
}

export function createAppInfo(deps: AppInfoDeps): () => AppInfoView {
  const { policy, policyError } = deps;
  return () => {
    const remembered = deps.settings.read().rememberedUsername;
    const driftSeconds = deps.driftSeconds();
    return {
      version: deps.version,
      build: deps.build,
      keyPath: deps.keyPath.path,
      updates: deps.updates,
      language: deps.language.get(),
      orgHost: deps.orgHost,
      trainingOrg: deps.trainingOrg,
      ...deps.engine(),
      ...(driftSeconds === undefined ? {} : { clockDriftSeconds: driftSeconds }),
      ...(remembered === undefined ? {} : { rememberedUsername: remembered }),
      ...(deps.developmentOverrides?.length ? { developmentOverrides: [...deps.developmentOverrides] } : {}),
      policy: {
        languageLocked: deps.language.locked,
        desktopAuthenticator: policy.desktopAuthenticator === true,
        ...(policy.supportPhone ? { supportPhone: policy.supportPhone } : {}),
        ...(policy.idleSignOutMinutes ? { idleSignOutMinutes: policy.idleSignOutMinutes } : {}),
      },
      ...(policyError ? { policyError: { code: policyError.code, file: policyError.fields?.[0] ?? '', fields: [...(policyError.fields ?? [])].slice(1) } } : {}),
    };
  };
}
