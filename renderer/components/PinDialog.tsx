import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EventPayload } from '../../preload/contract.ts';
import { call, onEvent } from '../api.ts';
import { useI18n } from '../i18n/messages.ts';

type PinRequest = EventPayload<'yubikey.pinNeeded'>;

/** The dialog's own screen IDs: over a screen, support still must tell "asked for the PIN" from "making a PIN". */
export const PIN_SCREEN_ID = 'E-40';
export const CREATE_PIN_SCREEN_ID = 'E-41';

/** Code points after NFC, as the key counts them; and the 63-byte UTF-8 ceiling it sets. */
const pinLength = (pin: string) => [...pin.normalize('NFC')].length;
const tooLong = (pin: string) => new TextEncoder().encode(pin.normalize('NFC')).length > 63;

/**
 * The YubiKey PIN dialog (Electron shows none on macOS/Linux): opened when main asks, either for the key's
 * PIN with the retries left, or for a first PIN on a key that has none when the org requires one (typed
 * twice, checked here for length and match before it goes). The PIN goes to main and is cleared from this
 * page at once; it is never kept or logged.
 */
export function PinDialog() {
  const { t } = useI18n();
  const [request, setRequest] = useState<PinRequest>();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<'short' | 'long' | 'mismatch'>();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => onEvent('yubikey.pinNeeded', (asked) => setRequest(asked)), []);
  useEffect(() => {
    if (request && !dialog.current?.open) dialog.current?.showModal();
  }, [request]);

  async function answer(value: string | null) {
    setPin('');
    setAgain('');
    setProblem(undefined);
    setRequest(undefined);
    dialog.current?.close();
    await call('yubikey.submitPin', { pin: value });
  }

  const creating = request?.mode === 'create';
  const minLength = creating ? request.minLength : 4;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (creating) {
      const found = pinLength(pin) < minLength ? 'short' : tooLong(pin) ? 'long' : pin !== again ? 'mismatch' : undefined;
      setProblem(found);
      if (!found) void answer(pin);
    } else if (pinLength(pin) >= minLength) void answer(pin);
    else setProblem('short');
  }

  // A problem with what was typed shows under its field; the key's refusal or a wrong PIN heads the dialog.
  const refusal = creating ? (request.rejected && !problem ? t('pin.create.rejected', { min: minLength }) : undefined) : request?.wrong && !problem ? t('pin.wrong') : undefined;
  const problemText = problem ? t(`pin.create.${problem}`, { min: minLength }) : undefined;
  const firstFieldProblem = problem === 'short' || problem === 'long';

  return (
    <dialog ref={dialog} className="pin-dialog" aria-labelledby="pin-title" data-dialog-id={request ? (creating ? CREATE_PIN_SCREEN_ID : PIN_SCREEN_ID) : undefined} onCancel={() => void answer(null)}>
      <form onSubmit={submit} noValidate>
        <h2 id="pin-title">{t(creating ? 'pin.create.title' : 'pin.title')}</h2>
        {refusal ? (
          <p className="notice notice-error" role="alert">
            {refusal}
          </p>
        ) : null}
        {creating ? <p>{t('pin.create.why')}</p> : null}
        <label htmlFor="yubikey-pin">{t(creating ? 'pin.create.label' : 'pin.label')}</label>
        <input id="yubikey-pin" type="password" autoComplete={creating ? 'new-password' : 'off'} value={pin} onChange={(e) => setPin(e.target.value)} autoFocus maxLength={63} aria-describedby={firstFieldProblem ? 'pin-hint pin-problem' : 'pin-hint'} aria-invalid={firstFieldProblem ? true : undefined} />
        <p className="hint" id="pin-hint" data-pin-retries={creating ? undefined : request?.retries}>
          {creating ? t('pin.create.rules', { min: minLength }) : t(request && request.retries <= 3 ? 'pin.retriesLow' : 'pin.retries', { retries: request?.retries ?? 0 })}
        </p>
        {firstFieldProblem ? (
          <p className="field-error" id="pin-problem" role="alert">
            {problemText}
          </p>
        ) : null}
        {creating ? (
          <>
            <label htmlFor="yubikey-pin-again">{t('pin.create.again')}</label>
            <input id="yubikey-pin-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} maxLength={63} aria-describedby={problem === 'mismatch' ? 'pin-mismatch' : undefined} aria-invalid={problem === 'mismatch' ? true : undefined} />
            {problem === 'mismatch' ? (
              <p className="field-error" id="pin-mismatch" role="alert">
                {problemText}
              </p>
            ) : null}
          </>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary">
            {t(creating ? 'pin.create.ok' : 'pin.ok')}
          </button>
          <button type="button" onClick={() => void answer(null)}>
            {t('common.cancel')}
          </button>
        </div>
        <p className="screen-id">{t('pin.screen', { id: creating ? CREATE_PIN_SCREEN_ID : PIN_SCREEN_ID })}</p>
      </form>
    </dialog>
  );
}
