import { describe, expect, it } from 'vitest';
import { idlePhase } from '../../../renderer/idle.ts';

describe('idle sign-out', () => {
  const limit = 15 * 60_000;
  it.each([
    [0, { phase: 'active' }],
    [limit - 60_001, { phase: 'active' }],
    [limit - 60_000, { phase: 'warning', secondsLeft: 60 }],
    [limit - 1_500, { phase: 'warning', secondsLeft: 2 }],
    [limit, { phase: 'expired' }],
  ])('after %i ms idle: %o', (idle, expected) => {
    expect(idlePhase(1_000_000, 1_000_000 + idle, limit)).toEqual(expected);
  });

  it('warns from the start when the limit is shorter than the warning', () => {
    expect(idlePhase(0, 10_000, 30_000)).toEqual({ phase: 'warning', secondsLeft: 20 });
  });
});
