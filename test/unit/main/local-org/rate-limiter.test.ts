import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../../main/core/clock.ts';
import { createRateLimiter } from '../../../../main/local-org/security/rate-limiter.ts';

const overLimit = (hit: () => unknown) => {
  try {
    hit();
    return false;
  } catch {
    return true;
  }
};

describe('rate limiter', () => {
  it('counts up to the limit in a window, then refuses with E0000047 until the next window', () => {
    const clock = manualClock(1_800_000_000_000);
    const limiter = createRateLimiter(clock);
    for (let i = 0; i < 3; i += 1) limiter.hit('user:a', 3);
    expect(overLimit(() => limiter.hit('user:a', 3))).toBe(true);
    clock.advance(60_000);
    expect(overLimit(() => limiter.hit('user:a', 3))).toBe(false);
  });

  it('keeps a busy counter when a flood of new keys fills the table: the least recently used go first', () => {
    const clock = manualClock(1_800_000_000_000);
    const limiter = createRateLimiter(clock);
    for (let i = 0; i < 3; i += 1) limiter.hit('user:target', 3);
    for (let i = 0; i < 6_000; i += 1) limiter.hit(`user:spray-${i}`, 3);
    expect(overLimit(() => limiter.hit('user:target', 3))).toBe(true);
    for (let i = 6_000; i < 12_000; i += 1) limiter.hit(`user:spray-${i}`, 3);
    // 12,000 keys seen, 10,000 kept: the target (used after the first 6,000) is still counted.
    expect(overLimit(() => limiter.hit('user:target', 3))).toBe(true);
    // The oldest sprayed keys were the ones evicted.
    expect(overLimit(() => limiter.hit('user:spray-0', 1))).toBe(false);
    expect(limiter.size()).toBeLessThanOrEqual(10_000);
  });
});
