/**
 * Object ids shaped like Okta's: a 3-letter kind prefix and 17 more alphanumerics, 20 in total
 * (users `00u…`, Google TOTP `uft…`, Okta TOTP `ost…`, push `opf…`, question `ufs…`, WebAuthn `fwf…`,
 * YubiKey `ykf…`, sessions `102…`,
 * trusted origins `tos…`); prefixes from okta-authn.md §5.
 */
import type { RandomBytes } from '../../core/random.ts';
import { alphanumericToken } from './secret-token.ts';

export const ID_PREFIX = {
  user: '00u',
  totpGoogle: 'uft',
  totpOkta: 'ost',
  push: 'opf',
  question: 'ufs',
  webauthn: 'fwf',
  yubikey: 'ykf',
  session: '102',
  trustedOrigin: 'tos',
} as const;

export function newId(random: RandomBytes, kind: keyof typeof ID_PREFIX): string {
  return ID_PREFIX[kind] + alphanumericToken(random, 17);
}
