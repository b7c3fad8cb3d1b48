import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/messages.ts';

/**
 * A one-time-code field: digits only, accepts a pasted "123 456" or "123-456", submits by itself when
 * the last digit arrives (the technician's eyes are on the phone, not the button).
 */
export function CodeInput({ id, digits = 6, disabled, onComplete, label }: { id: string; digits?: number; disabled?: boolean; onComplete: (code: string) => void; label: string }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
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
  return (
    <div className="code-field">
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
        aria-describedby={`${id}-hint`}
        onChange={(event) => setValue(event.target.value.replace(/\D/g, '').slice(0, digits))}
      />
      <p id={`${id}-hint`} className="hint">
        {t('code.hint', { digits })}
      </p>
      <button type="button" className="link" onClick={() => setValue('')} disabled={disabled || value === ''}>
        {t('code.clear')}
      </button>
    </div>
  );
}
