import { useState, type FormEvent } from 'react';
import type { TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';
import { otpShape } from '../../webauthn.ts';
import { touchDiscText, usePluggedModel } from '../../key-path.ts';

export const ENROLL_OTP_SCREEN_ID = 'E-19';

/** YubiKey OTP: the key types a 44-character code into the focused field when its gold disc is touched. */
export function EnrollOtpScreen({ onTransaction, onBack }: { onTransaction: (view: TransactionView) => void; onBack: () => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const { busy, error, setError, run } = useAction();
  const shape = otpShape(typed);
  const model = usePluggedModel();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!shape) {
      setError({ code: 'E_YUBIKEY_OTP_SHAPE' });
      return;
    }
    const next = await run('auth.enroll', { kind: 'yubikey-otp', otp: shape.otp });
    if (next) onTransaction(next);
    else setTyped('');
  }

  return (
    <Screen id={ENROLL_OTP_SCREEN_ID} title={t('key.otpTitle')}>
      <p data-key-model={model}>{touchDiscText(t, model)}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="yubikey-otp">{t('yubikey.otpLabel')}</label>
        <input id="yubikey-otp" value={typed} onChange={(e) => {
            setTyped(e.target.value);
            // A shape error is about what was there before; a code that now has the right shape clears it.
            if (error?.code === 'E_YUBIKEY_OTP_SHAPE' && otpShape(e.target.value)) setError(undefined);
          }} autoComplete="off" spellCheck={false} autoFocus />
        {shape ? <p className="hint">{t('key.publicId', { id: shape.publicId })}</p> : null}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('challenge.verify')}
          </button>
          <button type="button" className="link" onClick={onBack}>
            {t('common.back')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
