import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/messages.ts';
import { idlePhase, type IdlePhase } from '../idle.ts';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/** Watches for activity and signs out after `minutes` idle, with a one-minute visible countdown. */
export function IdleGuard({ minutes, onExpired }: { minutes: number; onExpired: () => void }) {
  const { t } = useI18n();
  const last = useRef(0);
  const [phase, setPhase] = useState<IdlePhase>({ phase: 'active' });
  useEffect(() => {
    last.current = Date.now();
    const touch = () => {
      last.current = Date.now();
    };
    for (const event of ACTIVITY) window.addEventListener(event, touch, { passive: true });
    const timer = setInterval(() => setPhase(idlePhase(last.current, Date.now(), minutes * 60_000)), 1000);
    return () => {
      for (const event of ACTIVITY) window.removeEventListener(event, touch);
      clearInterval(timer);
    };
  }, [minutes]);
  useEffect(() => {
    if (phase.phase === 'expired') onExpired();
  }, [phase, onExpired]);
  if (phase.phase !== 'warning') return null;
  return (
    <div className="banner banner-warning" role="alert" data-banner="idle">
      {t('idle.warning', { seconds: phase.secondsLeft })}{' '}
      <button type="button" onClick={() => (last.current = Date.now())}>
        {t('idle.stay')}
      </button>
    </div>
  );
}
