/**
 * The machine policy an installer drops on a shop PC: which org, where to hand off, support contacts,
 * which factors, language, idle sign-out, whether the desktop authenticator is allowed, how updates are
 * managed, and which settings technicians may not change. Closed schema: a misspelt key is an error
 * that names it, never a setting silently ignored.
 */
import { z } from 'zod';
import { FACTOR_KINDS } from '../../preload/enums.ts';

const HttpsUrl = z.url({ protocol: /^https$/ });

export const MachinePolicy = z.strictObject({
  orgUrl: HttpsUrl.optional(),
  diagnosticsUrl: HttpsUrl.optional(),
  supportUrl: HttpsUrl.optional(),
  supportPhone: z.string().trim().min(3).max(40).optional(),
  allowedFactors: z.array(z.enum(FACTOR_KINDS)).min(1).optional(),
  language: z.enum(['fr', 'en']).optional(),
  /** Minutes without input before the app signs the technician out (shared PCs). */
  idleSignOutMinutes: z.number().int().min(1).max(480).optional(),
  /** The app may hold a TOTP secret itself. Off unless the policy says so (see desktop-authenticator.ts). */
  desktopAuthenticator: z.boolean().optional(),
  updates: z.enum(['auto', 'managed']).optional(),
  channel: z.enum(['stable', 'beta']).optional(),
  updateUrl: HttpsUrl.optional(),
  lockedSettings: z.array(z.enum(['language', 'rememberedUsername'])).optional(),
  /**
   * Which Okta engine the org runs: `auto` (default) asks the org (`/.well-known/okta-organization`) at
   * each sign-in; `classic` or `identity` pins it, for an org whose discovery document a proxy hides.
   */
  engine: z.enum(['classic', 'identity', 'auto']).optional(),
  /** The app's OIDC client on an Identity Engine org (a native app with the Interaction Code grant). */
  clientId: z.string().trim().min(1).max(100).optional(),
  /**
   * The redirect URI registered for that client. IDX hands the interaction code back directly, so it is
   * never navigated to; a loopback URI (RFC 8252 §7.3) is the native client's usual choice.
   */
  redirectUri: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * The diagnostics web app's OIDC client id on an Identity Engine org: the target of Native-to-Web SSO
   * (`audience=urn:okta:apps:{id}`), which must allow the app's client. Without it, Identity Engine opens the
   * diagnostics page to sign in there. The embedded org's own diagnostics app when no org is configured.
   */
  diagnosticsClientId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).optional(),
  /** The redirect URI registered for that web app, where the browser lands signed in; required with it. */
  diagnosticsRedirectUri: HttpsUrl.optional(),
}).superRefine((policy, context) => {
  if ((policy.diagnosticsClientId === undefined) !== (policy.diagnosticsRedirectUri === undefined)) {
    context.addIssue({ code: 'custom', path: [policy.diagnosticsClientId === undefined ? 'diagnosticsClientId' : 'diagnosticsRedirectUri'], message: 'diagnosticsClientId and diagnosticsRedirectUri go together' });
  }
});
export type MachinePolicy = z.infer<typeof MachinePolicy>;

/**
 * Where an installer puts the policy, per OS. GARAGE_SIGNIN_POLICY replaces it only when `allowEnvOverride`
 * (running from source: tests, the preview, pilots); the installed app passes false, since any user can set
 * an environment variable. The two-argument form keeps its old meaning (override honoured) for callers not
 * yet told which build they are; new callers must say.
 */
export function policyPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, options: { readonly allowEnvOverride: boolean } = { allowEnvOverride: true }): string {
  if (options.allowEnvOverride && env.GARAGE_SIGNIN_POLICY) return env.GARAGE_SIGNIN_POLICY;
  if (platform === 'win32') return `${env.ProgramData ?? 'C:\\ProgramData'}\\Garage Sign-In\\policy.json`;
  if (platform === 'darwin') return '/Library/Application Support/Garage Sign-In/policy.json';
  return '/etc/garage-signin/policy.json';
}
