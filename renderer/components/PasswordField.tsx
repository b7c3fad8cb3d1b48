import { useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/messages.ts';

/**
 * A password field with "Show password" and a Caps Lock warning (issue #16 item 5): gloves cause typos,
 * typos cause lockouts. An error about this field shows right under it. Every password field draws
 * "Show password" the same way, on the label's line (styles.css `.password-field`).
 */
export function PasswordField({ id, label, value, onChange, autoComplete, autoFocus, describedBy, error, name }: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  autoFocus?: boolean;
  describedBy?: string | undefined;
  error?: string | undefined;
  name?: string;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const watchCaps = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState('CapsLock'));
  const describedIds = [describedBy, error ? `${id}-error` : undefined, capsLock ? `${id}-caps` : undefined].filter(Boolean).join(' ');
  return (
    <div className="field password-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name ?? id}
        type={shown ? 'text' : 'password'}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        spellCheck={false}
        autoCapitalize="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={watchCaps}
        onKeyUp={watchCaps}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedIds || undefined}
      />
      {capsLock ? (
        <p className="hint hint-warning" id={`${id}-caps`} role="status">
          {t('signIn.capsLock')}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <label className="check show-password">
        <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} aria-controls={id} />
        {t('password.show')}
      </label>
    </div>
  );
}
