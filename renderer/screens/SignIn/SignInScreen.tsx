import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';

export const SIGN_IN_SCREEN_ID = 'E-01';

/**
 * Username first, then the technician's security image, then the password (Okta classic): a technician
 * who does not recognise the image is not on the real org and must not type the password.
 */
export function SignInScreen({ onTransaction, onHelp, onActivate, rememberedUsername }: { onTransaction: (view: TransactionView) => void; onHelp: () => void; onActivate: () => void; rememberedUsername?: string | undefined }) {
  const { t } = useI18n();
  const [username, setUsername] = useState(rememberedUsername ?? '');
  // Off unless the technician chose it before: on a shared PC the next person should not see a name.
  const [remember, setRemember] = useState(rememberedUsername !== undefined);
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'username' | 'password'>('username');
  const [image, setImage] = useState<{ dataUrl: string; description?: string | undefined }>();
  const [capsLock, setCapsLock] = useState(false);
  const { busy, error, setError, run } = useAction();

  async function next(event: FormEvent) {
    event.preventDefault();
    // An org without security images (most current Okta orgs) still gets the password step.
    const found = await run('auth.securityImage', { username });
    setError(undefined);
    setImage(found);
    setStep('password');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const view = await run('auth.signIn', { username, password, remember });
    setPassword('');
    if (view) onTransaction(view);
  }

  function changeUser() {
    setStep('username');
    setImage(undefined);
    setPassword('');
    setError(undefined);
  }

  const watchCaps = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState('CapsLock'));

  return (
    <Screen id={SIGN_IN_SCREEN_ID} title={t('signIn.title')}>
      {step === 'username' ? (
        <form onSubmit={next} noValidate>
          <label htmlFor="username">{t('signIn.username')}</label>
          <input id="username" name="username" type="email" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
          <label className="check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            {t('signIn.remember')}
          </label>
          <ErrorNotice error={error} />
          <button type="submit" className="primary" disabled={busy || username.trim() === ''}>
            {t('signIn.next')}
          </button>
        </form>
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="security-image">
            {image ? <img src={image.dataUrl} alt={image.description ?? t('signIn.securityImageAlt')} width={96} height={96} /> : null}
            <div>
              <p className="user-chip">{username}</p>
              {image ? <p className="hint">{t('signIn.securityImageHint')}</p> : null}
            </div>
          </div>
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            onKeyDown={watchCaps}
            onKeyUp={watchCaps}
            required
          />
          {capsLock ? (
            <p className="hint hint-warning" role="status">
              {t('signIn.capsLock')}
            </p>
          ) : null}
          <ErrorNotice error={error} />
          <button type="submit" className="primary" disabled={busy || password === ''}>
            {busy ? t('signIn.working') : t('signIn.submit')}
          </button>
          <button type="button" className="link" onClick={changeUser}>
            {t('signIn.notYou')}
          </button>
        </form>
      )}
      <div className="actions">
        <button type="button" className="link" onClick={onHelp}>
          {t('signIn.needHelp')}
        </button>
        <button type="button" className="link" onClick={onActivate}>
          {t('signIn.activate')}
        </button>
      </div>
    </Screen>
  );
}
