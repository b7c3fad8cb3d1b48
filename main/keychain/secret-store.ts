/**
 * The OS keychain as a port in our own words (convention 3): one service per org, one account per user.
 * Every call answers a Result; a missing or locked keychain is a value the app explains, never a crash.
 */
import type { Result } from '../core/result.ts';

export interface SecretStore {
  /** Whether secrets can be kept at all (Secret Service present and unlocked, Keychain, Credential Vault). */
  availability(): Promise<Result<true>>;
  get(service: string, account: string): Promise<Result<string | null>>;
  set(service: string, account: string, secret: string): Promise<Result<true>>;
  delete(service: string, account: string): Promise<Result<boolean>>;
}

/** Keychain service names carry the org, so two orgs on one PC never share an entry. */
export function serviceFor(orgHost: string, purpose: string): string {
  return `Garage Sign-In ${purpose} (${orgHost})`;
}
