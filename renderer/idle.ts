/**
 * Idle sign-out on shared garage PCs (machine policy `idleSignOutMinutes`): after the limit without a key
 * or pointer, the technician is signed out; the last minute is a visible countdown with "Stay signed in".
 */
export const WARNING_MS = 60_000;

export type IdlePhase = { readonly phase: 'active' } | { readonly phase: 'warning'; readonly secondsLeft: number } | { readonly phase: 'expired' };

export function idlePhase(lastActivityMs: number, nowMs: number, limitMs: number): IdlePhase {
  const left = lastActivityMs + limitMs - nowMs;
  if (left <= 0) return { phase: 'expired' };
  if (left <= Math.min(WARNING_MS, limitMs)) return { phase: 'warning', secondsLeft: Math.ceil(left / 1000) };
  return { phase: 'active' };
}
