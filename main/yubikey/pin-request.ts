/**
 * The bridge between the ceremony's PIN prompt and the app's PIN dialog: main asks (an event to the page),
 * the page answers on its own channel. One question at a time; unanswered after two minutes counts as a
 * cancel. The PIN is handed to the ceremony and dropped.
 */
import type { PinRequest } from './pin-flow.ts';

export function createPinRequests(ask: (request: PinRequest) => void, timeoutMs = 120_000) {
  let pending: ((pin: string | null) => void) | undefined;
  return {
    prompt(request: PinRequest): Promise<string | null> {
      pending?.(null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending = undefined;
          resolve(null);
        }, timeoutMs);
        pending = (pin) => {
          clearTimeout(timer);
          pending = undefined;
          resolve(pin);
        };
        ask(request);
      });
    },
    /** The page's answer; false when no PIN was being asked (a stray or replayed call). */
    answer(pin: string | null): boolean {
      if (!pending) return false;
      pending(pin);
      return true;
    },
  };
}
