import { useState } from 'react';
import type { TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';
import { cancelKeyCeremony, registerKey } from '../../webauthn.ts';
import { touchText, useKeyPath, useTouchPrompt } from '../../key-path.ts';

export const ENROLL_KEY_SCREEN_ID = 'E-18';

/** YubiKey as a security key: insert → register → touch → done. */
export function EnrollKeyScreen({ view, onTransaction }: { view: TransactionView; onTransaction: (view: TransactionView) => void }) {
  const { t } = useI18n();
  const [touching, setTouching] = useState(false);
  const { busy, error, setError, run } = useAction();
  const options = view.activation?.kind === 'webauthn' ? view.activation.optionsJson : undefined;
  const keyPath = useKeyPath();
  const [touchPrompt, clearTouch] = useTouchPrompt();

  async function register() {
    if (!options) return;
    setError(undefined);
    if (keyPath !== 'renderer') {
      // The packaged app: main talks to the key over USB, or opens the OS WebAuthn window, with the org origin pinned.
      setTouching(true);
      const next = await run('auth.webauthnNative', {});
      setTouching(false);
      clearTouch();
      if (next) onTransaction(next);
      return;
    }
    setTouching(true);
    const ceremony = await registerKey(options);
    setTouching(false);
    if (!ceremony.ok) {
      setError(ceremony.error);
      return;
    }
    const next = await run('auth.webauthnActivate', ceremony.value);
    if (next) onTransaction(next);
  }

  async function back() {
    const next = await run('auth.previous', {});
    if (next) onTransaction(next);
  }

  return (
    <Screen id={ENROLL_KEY_SCREEN_ID} title={t('key.enrollTitle')}>
      <ol className="steps">
        <li>{t('key.step1')}</li>
        <li>{t('key.step2')}</li>
        <li>{t('key.step3')}</li>
      </ol>
      {touching ? (
        <>
          <p className="waiting" role="status">
            <span className="spinner" aria-hidden="true" /> {touchText(t, keyPath, touchPrompt)}
          </p>
          <button type="button" onClick={() => void cancelKeyCeremony()} hidden={keyPath !== 'renderer'}>
            {t('common.cancel')}
          </button>
        </>
      ) : null}
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void register()} disabled={busy || touching || !options}>
          {error ? t('key.retry') : t('key.register')}
        </button>
        <button type="button" className="link" onClick={() => void back()} disabled={busy || touching}>
          {t('common.back')}
        </button>
      </div>
    </Screen>
  );
}
