/**
 * The allow list in the pieces a CTAP2 key accepts: at most the count its getInfo announced (CTAP 2.1 §6.4
 * key 7), and without ids longer than it takes (key 8), which cannot be its own (yubikey-hid.md §10.2 step 6).
 * A technician with several keys enrolled sends several ids; the sign-in and the silent probe cut them alike.
 */
export interface AllowListLimits {
  readonly maxCredentialCountInList: number;
  readonly maxCredentialIdLength: number | undefined;
}

/** `[[]]` for an empty list (discoverable credentials); `[]` when no id can be this key's. */
export function allowListChunks(requested: readonly Uint8Array[], limits: AllowListLimits): Uint8Array[][] {
  if (requested.length === 0) return [[]];
  const fitting = requested.filter((id) => limits.maxCredentialIdLength === undefined || id.length <= limits.maxCredentialIdLength);
  const size = Math.max(1, limits.maxCredentialCountInList);
  return Array.from({ length: Math.ceil(fitting.length / size) }, (_, i) => fitting.slice(i * size, (i + 1) * size));
}
