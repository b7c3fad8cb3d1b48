/**
 * The installer's machine policy and the org URLs, read the way the running mode allows. The packaged app
 * reads the policy from its fixed per-OS path only and takes no URL from the environment: on a shared OS
 * account an environment variable is something any technician can set. Running from source (development,
 * the preview, tests), GARAGE_SIGNIN_POLICY and the GARAGE_SIGNIN_*_URL variables still serve, and every
 * override in force is named so the help page can say so.
 */
import type { AppError } from '../core/errors.ts';
import type { ConfiguredUrls } from '../app-config.ts';
import { policyPath, type MachinePolicy } from '../settings/machine-policy.ts';
import { loadMachinePolicy, type PolicyTrust } from '../settings/policy-loader.ts';
import { createPowershellSddlReader } from '../settings/powershell-acl-reader.ts';
import type { Platform } from './platform.ts';

export const DEVELOPMENT_OVERRIDES = {
  GARAGE_SIGNIN_POLICY: 'policy',
  GARAGE_SIGNIN_ORG_URL: 'orgUrl',
  GARAGE_SIGNIN_DIAGNOSTICS_URL: 'diagnosticsUrl',
  GARAGE_SIGNIN_SUPPORT_URL: 'supportUrl',
} as const;
type OverrideName = keyof typeof DEVELOPMENT_OVERRIDES;

export interface StartConfiguration {
  readonly policyFile: string;
  readonly policy: MachinePolicy | undefined;
  readonly policyError: AppError | undefined;
  readonly configured: ConfiguredUrls;
  /** Environment overrides in force (development only; always empty when packaged). */
  readonly overrides: readonly OverrideName[];
}

export type PolicyLoader = (file: string, os: NodeJS.Platform, trust: PolicyTrust) => ReturnType<typeof loadMachinePolicy>;

/** The real file system; Windows ACLs read as SDDL through PowerShell's Get-Acl. */
export const loadPolicyFile: PolicyLoader = (file, os, trust) => loadMachinePolicy(file, { platform: os, trust, ...(os === 'win32' ? { readSddl: createPowershellSddlReader() } : {}) });

export async function readStartConfiguration(platform: Pick<Platform, 'os' | 'env' | 'isPackaged'>, load: PolicyLoader = loadPolicyFile): Promise<StartConfiguration> {
  const env = platform.isPackaged ? {} : platform.env;
  const overrides = (Object.keys(DEVELOPMENT_OVERRIDES) as OverrideName[]).filter((name) => env[name] !== undefined && env[name] !== '');
  // The fixed location needs ProgramData on Windows; that one variable names a system folder, not a choice.
  const policyFile = policyPath(platform.os, { ...env, ProgramData: platform.env.ProgramData }, { allowEnvOverride: !platform.isPackaged });
  const loaded = await load(policyFile, platform.os, platform.isPackaged ? 'packaged' : 'development');
  const policy = loaded.ok ? loaded.value : undefined;
  return {
    policyFile,
    policy,
    policyError: loaded.ok ? undefined : loaded.error,
    // The installer's policy wins; environment variables serve development and pilots.
    configured: {
      orgUrl: policy?.orgUrl ?? env.GARAGE_SIGNIN_ORG_URL,
      diagnosticsUrl: policy?.diagnosticsUrl ?? env.GARAGE_SIGNIN_DIAGNOSTICS_URL,
      supportUrl: policy?.supportUrl ?? env.GARAGE_SIGNIN_SUPPORT_URL,
    },
    overrides,
  };
}
