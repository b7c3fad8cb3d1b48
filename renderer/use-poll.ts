import { useEffect, useRef } from 'react';
import type { TransactionView } from '../preload/contract.ts';
import { call } from './api.ts';

/**
 * Polls the transaction while Okta says WAITING (push activation or push verification), every 2 s like
 * Okta's own clients (okta-auth-js polls every 0.5 s; a desktop at a garage does not need more than 2 s).
 */
export function usePoll(active: boolean, onView: (view: TransactionView) => void, onError: (code: string) => void): void {
  const latest = useRef({ onView, onError });
  useEffect(() => {
    latest.current = { onView, onError };
  });
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      const response = await call('auth.poll', {});
      if (stopped) return;
      if (response.ok) latest.current.onView(response.value);
      else latest.current.onError(response.error.code);
    };
    const timer = setInterval(() => void tick(), 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active]);
}
