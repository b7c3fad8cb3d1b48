/** Ends exhaustive switches: adding a member to a union without handling it fails typecheck. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
