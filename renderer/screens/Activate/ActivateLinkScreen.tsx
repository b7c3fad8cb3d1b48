import { useState, type FormEvent } from 'react';
import type { ErrorView, TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';

export const ACTIVATE_LINK_SCREEN_ID = 'E-02';

/**
 * Activation from the e-mail: the link opens the app by itself (witech-login://activate?token=…); this
 * screen takes a pasted link or token instead. An already-used, expired or unknown link gets its own way
 * forward instead of a bare "invalid token".
 */
export function ActivateLinkScreen({ onTransaction, onSignIn, onHelp, initialError }: { onTransaction: (view: TransactionView) => void; onSignIn: () => void; onHelp: () => void; initialError?: ErrorView | undefined }) {
  const { t } = useI18n();
  const [link, setLink] = useState('');
  const { busy, error: actionError, run } = useAction();
  const error = actionError ?? initialError;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const view = await run('auth.redeemActivation', { link });
    if (view) onTransaction(view);
  }

  const code = error?.code;
  return (
    <Screen id={ACTIVATE_LINK_SCREEN_ID} title={t('activate.title')}>
      <p>{t('activate.intro')}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="activation-link">{t('activate.linkLabel')}</label>
        <input id="activation-link" value={link} onChange={(e) => setLink(e.target.value)} autoComplete="off" spellCheck={false} />
        <p className="hint">{t('activate.linkHint')}</p>
        <ErrorNotice error={error} />
        {code === 'E_AUTH_ACTIVATION_TOKEN_USED' || code === 'E_AUTH_ACTIVATION_TOKEN_INVALID' ? (
          <button type="button" onClick={onSignIn}>
            {t('activate.goSignIn')}
          </button>
        ) : null}
        {code === 'E_AUTH_ACTIVATION_TOKEN_EXPIRED' || code === 'E_AUTH_ACTIVATION_TOKEN_INVALID' ? (
          <button type="button" onClick={onHelp}>
            {t('activate.askNewLink')}
          </button>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || link.trim() === ''}>
            {t('activate.continue')}
          </button>
          <button type="button" className="link" onClick={onSignIn}>
            {t('common.backToSignIn')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
