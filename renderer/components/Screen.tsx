import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/messages.ts';
import { useScreenFrame } from '../screen-context.ts';

/** Where the technician is in the chosen method's own steps: "Google Authenticator — step 2 of 4". */
export interface Progress {
  readonly method: string;
  readonly step: number;
  readonly total: number;
}

/**
 * Frame of every screen: where the technician is (method and step), whose sign-in this is, the title
 * (focused on arrival unless the screen focused a field), and a footer with "Need help signing in?" beside
 * the screen ID support asks for on the phone ("which screen are you on?"). Help screens leave out the link
 * to themselves (`help={false}`). A screen whose text already names the account ("Signed in as …", E-20)
 * leaves the chip out (`account={false}`): the account is said once. A form with sections side by side (E-03)
 * asks for a `wide` card.
 */
export function Screen({ id, title, children, progress, help = true, account: ownAccount, wide = false }: { id: string; title: string; children: ReactNode; progress?: Progress | undefined; help?: boolean; account?: string | false | undefined; wide?: boolean }) {
  const { t } = useI18n();
  const frame = useScreenFrame();
  const account = ownAccount === false ? undefined : (ownAccount ?? frame.account);
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    // A field the screen focuses itself (the username, the code input) keeps its focus.
    if (!section.current?.contains(document.activeElement)) heading.current?.focus();
  }, [id]);
  return (
    <section ref={section} className={wide ? 'screen screen-wide' : 'screen'} data-screen-id={id} aria-labelledby={`title-${id}`}>
      {progress || account ? (
        <div className="screen-context">
          {progress ? (
            <p className="progress" data-progress={`${progress.step}/${progress.total}`}>
              {t('progress.step', { method: progress.method, step: progress.step, total: progress.total })}
            </p>
          ) : (
            <span />
          )}
          {account ? (
            <p className="user-chip" data-account>
              <span className="visually-hidden">{`${t('app.account')} `}</span>
              {account}
            </p>
          ) : null}
        </div>
      ) : null}
      <h2 id={`title-${id}`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
      <footer className="screen-footer">
        {help && frame.onHelp ? (
          <button type="button" className="link" onClick={frame.onHelp}>
            {t('signIn.needHelp')}
          </button>
        ) : (
          <span />
        )}
        <p className="screen-id">{t('app.screenId', { id })}</p>
      </footer>
    </section>
  );
}
