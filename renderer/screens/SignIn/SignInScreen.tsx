import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';

export const SIGN_IN_SCREEN_ID = 'E-01';
/** The password step has its own ID: support must tell "stuck at the username" from "stuck at the password". */
export const PASSWORD_SCREEN_ID = 'E-01b';

/**
 * Username first, then the technician's security image, then the password (Okta classic): a technician
 * who does not recognise the image is not on the real org and must not type the password. Buttons stay
 * active; an empty field is named under it on click.
 */
export function SignInScreen({ onTransaction, onActivate, rememberedUsername }: { onTransaction: (view: TransactionView) => void; onActivate: () => void; rememberedUsername?: string | undefined }) {
  const { t, language } = useI18n();
  const [username, setUsername] = useState(rememberedUsername ?? '');
  // Off unless the technician chose it before: on a shared PC the next person should not see a name.
  const [remember, setRemember] = useState(rememberedUsername !== undefined);
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'username' | 'password'>('username');
  const [image, setImage] = useState<{ dataUrl: string; description?: string | undefined }>();
  const [missing, setMissing] = useState(false);
  const { busy, error, setError, run } = useAction();
  const usernameField = useRef<HTMLInputElement>(null);
  const rememberBox = useRef<HTMLInputElement>(null);
  // Main draws this screen ahead, as HTML (renderer/first-frame.tsx): what was typed or ticked there before
  // React took the elements over is in the elements, not yet in the state.
  useEffect(() => {
    const typed = usernameField.current?.value;
    if (typed !== undefined) setUsername(typed);
    const ticked = rememberBox.current?.checked;
    if (ticked !== undefined) setRemember(ticked);
  }, []);

  async function next(event: FormEvent) {
    event.preventDefault();
    if (username.trim() === '') {
      setMissing(true);
      return;
    }
    // An org without security images (most current Okta orgs) still gets the password step.
    const found = await run('auth.securityImage', { username, language });
    setError(undefined);
    setImage(found);
    setMissing(false);
    setStep('password');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password === '') {
      setMissing(true);
      return;
    }
    const view = await run('auth.signIn', { username, password, remember });
    setPassword('');
    if (view) onTransaction(view);
  }

  function changeUser() {
    setStep('username');
    setImage(undefined);
    setPassword('');
    setMissing(false);
    setError(undefined);
  }

  if (step === 'username') {
    return (
      <Screen id={SIGN_IN_SCREEN_ID} title={t('signIn.title')}>
        <form onSubmit={next} noValidate>
          <div className="field">
            <label htmlFor="username">{t('signIn.username')}</label>
            <input
              ref={usernameField}
              id="username"
              name="username"
              type="email"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => {
                setUsername(e.target.value);
                setMissing(false);
              }}
              aria-invalid={missing ? true : undefined}
              aria-describedby={missing ? 'username-error' : undefined}
              required
            />
            {missing ? (
              <p className="field-error" id="username-error">
                {t('signIn.usernameMissing')}
              </p>
            ) : null}
          </div>
          <label className="check">
            <input ref={rememberBox} type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            {t('signIn.remember')}
          </label>
          <ErrorNotice error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('signIn.next')}
            </button>
          </div>
        </form>
        <div className="actions">
          <button type="button" className="link" onClick={onActivate}>
            {t('signIn.activate')}
          </button>
        </div>
      </Screen>
    );
  }

  return (
    <Screen id={PASSWORD_SCREEN_ID} title={t('signIn.title')} account={username}>
      <form onSubmit={submit} noValidate>
        {image ? (
          <div className="security-image">
            <img src={image.dataUrl} alt={image.description ?? t('signIn.securityImageAlt')} width={96} height={96} />
            <p className="hint">{t('signIn.securityImageHint')}</p>
          </div>
        ) : null}
        <PasswordField
          id="password"
          label={t('signIn.password')}
          value={password}
          onChange={(value) => {
            setPassword(value);
            setMissing(false);
          }}
          autoComplete="current-password"
          autoFocus
          error={missing ? t('signIn.passwordMissing') : undefined}
        />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('signIn.working') : t('signIn.submit')}
          </button>
          <button type="button" className="link" onClick={changeUser}>
            {t('signIn.notYou')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
