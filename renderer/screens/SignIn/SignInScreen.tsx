import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ErrorView, TransactionView } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';

export const SIGN_IN_SCREEN_ID = 'E-01';

export function SignInScreen({ onTransaction }: { onTransaction: (view: TransactionView) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [capsLock, setCapsLock] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const response = await call('auth.signIn', { username, password });
    setBusy(false);
    if (response.ok) onTransaction(response.value);
    else {
      setError(response.error);
      setPassword('');
    }
  }

  const watchCaps = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState('CapsLock'));

  return (
    <Screen id={SIGN_IN_SCREEN_ID} title={t('signIn.title')}>
      <form onSubmit={submit} noValidate>
        <label htmlFor="username">{t('signIn.username')}</label>
        <input id="username" name="username" type="email" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          onKeyDown={watchCaps}
          onKeyUp={watchCaps}
          required
        />
        {capsLock ? <p className="hint hint-warning">{t('signIn.capsLock')}</p> : null}
        <ErrorNotice error={error} />
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
    </Screen>
  );
}
