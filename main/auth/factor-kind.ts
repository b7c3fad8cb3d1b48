/** Okta (factorType, provider) pairs the app supports, named by what the technician holds. */
import type { FactorKind } from '../../preload/contract.ts';

const KINDS: ReadonlyArray<readonly [factorType: string, provider: string, kind: FactorKind]> = [
  ['token:software:totp', 'GOOGLE', 'totp-google'],
  ['token:software:totp', 'OKTA', 'totp-okta'],
  ['push', 'OKTA', 'push-okta'],
  ['token:hardware', 'YUBICO', 'yubikey-otp'],
  ['webauthn', 'FIDO', 'webauthn'],
  ['question', 'OKTA', 'question'],
];

export function factorKindOf(factorType: string, provider: string): FactorKind | undefined {
  return KINDS.find(([type, prov]) => type === factorType && prov === provider)?.[2];
}

export function oktaFactorOf(kind: FactorKind): { factorType: string; provider: string } {
  const row = KINDS.find(([, , k]) => k === kind);
  if (!row) throw new Error(`no Okta factor for ${kind}`);
  return { factorType: row[0], provider: row[1] };
}
