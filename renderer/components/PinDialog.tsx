import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call, onEvent } from '../api.ts';
import { useI18n } from '../i18n/messages.ts';

/**
 * The YubiKey PIN dialog (Electron shows none on macOS/Linux): opened when main asks, with the retries
 * left. The PIN goes to main and is cleared from this page at once; it is never kept or logged.
 */
export function PinDialog() {
  const { t } = useI18n();
  const [request, setRequest] = useState<{ retries: number; wrong: boolean }>();
  const [pin, setPin] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => onEvent('yubikey.pinNeeded', (asked) => setRequest(asked)), []);
  useEffect(() => {
    if (request && !dialog.current?.open) dialog.current?.showModal();
  }, [request]);

  async function answer(value: string | null) {
    setPin('');
    setRequest(undefined);
    dialog.current?.close();
    await call('yubikey.submitPin', { pin: value });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pin.length >= 4) void answer(pin);
  }

  return (
    <dialog ref={dialog} className="pin-dialog" aria-labelledby="pin-title" onCancel={() => void answer(null)}>
      <form onSubmit={submit}>
        <h2 id="pin-title">{t('pin.title')}</h2>
        {request?.wrong ? (
          <p className="notice notice-error" role="alert">
            {t('pin.wrong')}
          </p>
        ) : null}
        <label htmlFor="yubikey-pin">{t('pin.label')}</label>
        <input id="yubikey-pin" type="password" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} autoFocus minLength={4} maxLength={63} />
        <p className="hint" data-pin-retries={request?.retries}>
          {t(request && request.retries <= 3 ? 'pin.retriesLow' : 'pin.retries', { retries: request?.retries ?? 0 })}
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={pin.length < 4}>
            {t('pin.ok')}
          </button>
          <button type="button" onClick={() => void answer(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
