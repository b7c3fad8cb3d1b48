/**
 * Where the app signs in and hands off, resolved once at start-up from what the installer configured
 * (machine policy, then environment for development), with the embedded local org as the default when
 * no org is configured ("training org"). Plain data in, plain data out: tested without Electron.
 */
import { z } from 'zod';
import { fail, ok, type Result } from './core/result.ts';
import { DEFAULT_ALLOWED_HOSTS } from './launch/destination-allow-list.ts';

export interface ConfiguredUrls {
  readonly orgUrl?: string | undefined;
  readonly diagnosticsUrl?: string | undefined;
  readonly supportUrl?: string | undefined;
}

export interface AppConfig {
  readonly orgUrl: string;
  readonly diagnosticsUrl: string;
  readonly supportUrl: string;
  readonly allowedHosts: readonly string[];
  /** No org configured: the app runs on its embedded local org and says so on every screen. */
  readonly trainingOrg: boolean;
}

/** The wiTECH 2.0 login page the activation e-mail names: the default diagnostics destination. */
export const WITECH_LOGIN_URL = 'https://login.am.fcawitech.com/';

const SecureUrl = z.string().refine((value) => {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  return (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) && !url.username && !url.password;
}, 'https only (http only on this computer)');

/** The org is configured (policy or environment), or it is the local org started for training. */
export function resolveAppConfig(configured: ConfiguredUrls, localOrgUrl: string | undefined): Result<AppConfig> {
  const checked: Record<string, string | undefined> = {};
  const bad: string[] = [];
  for (const key of ['orgUrl', 'diagnosticsUrl', 'supportUrl'] as const) {
    const value = configured[key];
    if (value === undefined) continue;
    const parsed = SecureUrl.safeParse(value);
    if (parsed.success) checked[key] = parsed.data;
    else bad.push(key);
  }
  if (bad.length > 0) return fail('E_SETTINGS_INVALID', { fields: bad });
  const orgUrl = checked.orgUrl ?? localOrgUrl;
  if (!orgUrl) return fail('E_SETTINGS_INVALID', { fields: ['orgUrl'] });
  const trainingOrg = checked.orgUrl === undefined;
  const diagnosticsUrl = checked.diagnosticsUrl ?? (trainingOrg ? new URL('/diagnostics', orgUrl).toString() : WITECH_LOGIN_URL);
  const supportUrl = checked.supportUrl ?? orgUrl;
  // Configured hosts are trusted because an installer named them; the defaults cover wiTECH's own.
  const allowedHosts = [...new Set([...(trainingOrg ? [] : DEFAULT_ALLOWED_HOSTS), new URL(orgUrl).host, new URL(diagnosticsUrl).host])];
  return ok({ orgUrl, diagnosticsUrl, supportUrl, allowedHosts, trainingOrg });
}
