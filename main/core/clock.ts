/** Time as a port (convention 2): services never call Date.now() themselves, so tests drive TOTP windows and expiry. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock tests can move. */
export function manualClock(startMs: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = startMs;
  return {
    nowMs: () => now,
    advance(ms: number) {
      now += ms;
    },
    set(ms: number) {
      now = ms;
    },
  };
}

export function nowSeconds(clock: Clock): number {
  return Math.floor(clock.nowMs() / 1000);
}
