import { describe, expect, it, vi } from 'vitest';
import { createPinRequests } from '../../../../main/yubikey/pin-request.ts';

describe('PIN question between the ceremony and the dialog', () => {
  it('hands the page’s answer to the waiting ceremony, once', async () => {
    const asked: unknown[] = [];
    const pins = createPinRequests((request) => asked.push(request));
    const answer = pins.prompt({ mode: 'enter' as const, retries: 8, wrong: false });
    expect(asked).toEqual([{ mode: 'enter' as const, retries: 8, wrong: false }]);
    expect(pins.answer('2468')).toBe(true);
    expect(await answer).toBe('2468');
    expect(pins.answer('2468')).toBe(false);
  });

  it('refuses an answer nobody asked for (a stray or replayed call from the page)', () => {
    expect(createPinRequests(() => undefined).answer('1234')).toBe(false);
  });

  it('counts an unanswered question as a cancel', async () => {
    vi.useFakeTimers();
    const pending = createPinRequests(() => undefined, 1000).prompt({ mode: 'enter' as const, retries: 8, wrong: false });
    vi.advanceTimersByTime(1001);
    expect(await pending).toBeNull();
    vi.useRealTimers();
  });
});
