import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/messages.ts';

/**
 * Frame of every screen: the title (focused on arrival, for keyboard and screen-reader users) and the
 * visible screen ID support asks for on the phone ("which screen are you on?").
 */
export function Screen({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    // A field the screen focuses itself (the YubiKey code field, the code input) keeps its focus.
    if (!section.current?.contains(document.activeElement)) heading.current?.focus();
  }, [id]);
  return (
    <section ref={section} className="screen" data-screen-id={id} aria-labelledby={`title-${id}`}>
      <h2 id={`title-${id}`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
      <p className="screen-id">{t('app.screenId', { id })}</p>
    </section>
  );
}
