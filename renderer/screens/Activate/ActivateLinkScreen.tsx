import { useState, type FormEvent } from 'react';
import type { ErrorView, TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n, type MessageKey } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';

export const ACTIVATE_LINK_SCREEN_ID = 'E-02';

/** The forms a pasted link takes: Classic's e-mail, Identity Engine's e-mail, and the app's own link. */
const LINK_EXAMPLES = ['activate.linkExample.classic', 'activate.linkExample.identity', 'activate.linkExample.app'] as const satisfies readonly MessageKey[];

/**
 * Activation from the e-mail: the link opens the app by itself (witech-login://activate?token=…); this
 * screen takes a pasted link or token instead. An already-used, expired or unknown link gets its own way
 * forward instead of a bare "invalid token".
 */
export function ActivateLinkScreen({ onTransaction, onSignIn, onHelp, initialError }: { onTransaction: (view: TransactionView) => void; onSignIn: () => void; onHelp: () => void; initialError?: ErrorView | undefined }) {
  const { t } = useI18n();
  const [link, setLink] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error: actionError, run } = useAction();
  const error = actionError ?? initialError;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (link.trim() === '') {
      setMissing(true);
      return;
    }
    const view = await run('auth.redeemActivation', { link });
    if (view) onTransaction(view);
  }

  const code = error?.code;
  // After a final refusal the way out is the only main action (issue #16 item 3): the link cannot work again.
  const signInWayOut = code === 'E_AUTH_ACTIVATION_TOKEN_USED' || code === 'E_AUTH_ACTIVATION_TOKEN_INVALID';
  const newLinkWayOut = code === 'E_AUTH_ACTIVATION_TOKEN_EXPIRED' || code === 'E_AUTH_ACTIVATION_TOKEN_INVALID';
  const final = signInWayOut || newLinkWayOut;
  return (
    <Screen id={ACTIVATE_LINK_SCREEN_ID} title={t('activate.title')}>
      <p>{t('activate.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="activation-link">{t('activate.linkLabel')}</label>
          <input
            id="activation-link"
            value={link}
            onChange={(e) => {
              setLink(e.target.value);
              setMissing(false);
            }}
            autoComplete="off"
            spellCheck={false}
            autoFocus={!final}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? 'activation-hint activation-missing' : 'activation-hint'}
          />
          {/* One form to a line, whole: a link broken after "activate?" reads as two things. */}
          <div className="hint link-examples" id="activation-hint">
            <p>{t('activate.linkHint')}</p>
            <ul>
              {LINK_EXAMPLES.map((key) => (
                <li key={key}>
                  <code>{t(key)}</code>
                </li>
              ))}
            </ul>
          </div>
          {missing ? (
            <p className="field-error" id="activation-missing">
              {t('activate.linkMissing')}
            </p>
          ) : null}
        </div>
        <ErrorNotice error={error} />
        <div className="actions">
          {signInWayOut ? (
            <button type="button" className="primary" onClick={onSignIn}>
              {t('activate.goSignIn')}
            </button>
          ) : null}
          {newLinkWayOut ? (
            <button type="button" className={signInWayOut ? undefined : 'primary'} onClick={onHelp}>
              {t('activate.askNewLink')}
            </button>
          ) : null}
          <button type="submit" className={final ? undefined : 'primary'} disabled={busy}>
            {t('activate.continue')}
          </button>
          {final ? null : (
            <button type="button" className="link" onClick={onSignIn}>
              {t('common.backToSignIn')}
            </button>
          )}
        </div>
      </form>
    </Screen>
  );
}
