/**
 * How a ceremony verifies the technician on a CTAP2 key, decided from the org's userVerification and the
 * key's getInfo options before anything is sent. The "uv" option means built-in verification only: a
 * platform must not send it to a PIN-only key such as a YubiKey 5, which refuses it (UNSUPPORTED_OPTION on
 * CTAP 2.0, WebKit bug 215836), so a PIN is asked for instead. "preferred" uses what the key already has,
 * as browsers do (yubikey-hid.md §4.7); "required" on a key with no PIN yet leads to creating one.
 */
import { fail, ok, type Result } from '../core/result.ts';

export type UvPlan =
  /** No verification; a key that still wants its PIN says PUAT_REQUIRED and is asked then. */
  | 'none'
  /** The key verifies by itself (fingerprint): the "uv" option. */
  | 'builtin'
  /** Ask the key's PIN first, then send the request with a PIN/UV auth token. */
  | 'pin'
  /** The key supports a PIN but has none: the technician creates one, then as for 'pin'. */
  | 'create-pin';

export function uvPlan(requirement: string | undefined, options: ReadonlyMap<string, boolean>): Result<UvPlan> {
  const builtin = options.get('uv') === true;
  const pinSet = options.get('clientPin') === true;
  const wanted = requirement === 'required' || options.get('alwaysUv') === true || (requirement === 'preferred' && (builtin || pinSet));
  if (!wanted) return ok('none');
  if (builtin) return ok('builtin');
  if (pinSet) return ok('pin');
  if (options.has('clientPin')) return ok('create-pin');
  return fail('E_CTAP_CANNOT_VERIFY');
}
