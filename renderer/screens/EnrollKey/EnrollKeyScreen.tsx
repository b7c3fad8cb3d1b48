import { useState } from 'react';
import type { TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';
import { cancelKeyCeremony, registerKey } from '../../webauthn.ts';
import { touchText, useKeyPath, useTouchPrompt } from '../../key-path.ts';

export const ENROLL_KEY_SCREEN_ID = 'E-18';
/** Waiting for a touch (or for the Windows window): support must tell it from the ready screen. */
export const ENROLL_KEY_WAITING_SCREEN_ID = 'E-18w';
/** A key this account cannot use: the only way out is another method. */
export const ENROLL_KEY_REFUSED_SCREEN_ID = 'E-18c';

/** Errors no retry can fix with this key: the org's requirement, or the key's own state. */
const FINAL_KEY_ERRORS: ReadonlySet<string> = new Set(['E_CTAP_U2F_CANNOT_VERIFY', 'E_CTAP_CANNOT_VERIFY', 'E_CTAP_PIN_BLOCKED', 'E_CTAP_UV_BLOCKED', 'E_CTAP_UNSUPPORTED']);

/** YubiKey as a security key, in three steps of its own: insert and register (1), touch or NIP (2), set up (E-14, 3). */
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

  const final = error !== undefined && FINAL_KEY_ERRORS.has(error.code);
  const id = touching ? ENROLL_KEY_WAITING_SCREEN_ID : final ? ENROLL_KEY_REFUSED_SCREEN_ID : ENROLL_KEY_SCREEN_ID;
  return (
    <Screen id={id} title={t('key.enrollTitle')} progress={{ method: t('progress.securityKey'), step: touching || error ? 2 : 1, total: 3 }}>
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
      {/* After a final error the way out is the only main action, and "try again" is not offered (issue #16 item 3). */}
      <div className="actions">
        {final ? (
          <button type="button" className="primary" onClick={() => void back()} disabled={busy}>
            {t('key.otherMethod')}
          </button>
        ) : (
          <>
            <button type="button" className="primary" onClick={() => void register()} disabled={busy || touching || !options}>
              {error ? t('key.retry') : t('key.register')}
            </button>
            <button type="button" className="link" onClick={() => void back()} disabled={busy || touching}>
              {t('common.back')}
            </button>
          </>
        )}
      </div>
    </Screen>
  );
}
