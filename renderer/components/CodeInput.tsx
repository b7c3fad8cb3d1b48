import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/messages.ts';

/**
 * A one-time-code field: digits only, accepts a pasted "123 456" or "123-456". It goes by itself when the
 * last digit arrives (the technician's eyes are on the phone), and by "Verify" or Enter, as the help
 * article tells the technician to do ("cliquez sur Verify", issue #16 item 1).
 */
export function CodeInput({ id, digits = 6, disabled, onComplete, label }: { id: string; digits?: number; disabled?: boolean; onComplete: (code: string) => void; label: string }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [short, setShort] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);
  useEffect(() => {
    if (disabled) return;
    if (value.length === digits) onComplete(value);
    // Submitting once per completed code; onComplete identity is not a trigger.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, digits, disabled]);
  useEffect(() => {
    if (!disabled) input.current?.focus();
  }, [disabled]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (disabled) return;
    if (value.length === digits) onComplete(value);
    else {
      setShort(true);
      input.current?.focus();
    }
  }

  return (
    <form className="code-field" onSubmit={submit} noValidate>
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        className="code-input"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={digits + 4}
        value={value}
        disabled={disabled}
        aria-invalid={short ? true : undefined}
        aria-describedby={short ? `${id}-hint ${id}-short` : `${id}-hint`}
        onChange={(event) => {
          setShort(false);
          setValue(event.target.value.replace(/\D/g, '').slice(0, digits));
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {t('code.hint', { digits })}
      </p>
      {short ? (
        <p id={`${id}-short`} className="field-error">
          {t('code.incomplete', { digits })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={disabled}>
          {t('challenge.verify')}
        </button>
        <button type="button" className="link" onClick={() => setValue('')} disabled={disabled || value === ''}>
          {t('code.clear')}
        </button>
      </div>
    </form>
  );
}
