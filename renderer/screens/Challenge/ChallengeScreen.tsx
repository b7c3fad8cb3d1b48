import { useEffect, useState, type FormEvent } from 'react';
import type { FactorView, TransactionView } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { CodeInput } from '../../components/CodeInput.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n, type MessageKey } from '../../i18n/messages.ts';
import { questionText } from '../../question-text.ts';
import { useAction } from '../../use-action.ts';
import { signWithKey } from '../../webauthn.ts';
import { touchDiscText, touchText, useKeyPath, usePluggedModel, useTouchPrompt } from '../../key-path.ts';
import { usePoll } from '../../use-poll.ts';

export const CHALLENGE_SCREEN_ID = 'E-16';
export const PUSH_WAIT_SCREEN_ID = 'E-17';

const PREFERRED = ['push-okta', 'totp-google', 'totp-okta', 'webauthn', 'yubikey-otp', 'question'];

function byPreference(a: FactorView, b: FactorView): number {
  return PREFERRED.indexOf(a.kind) - PREFERRED.indexOf(b.kind);
}

/** Seed: sign in with password + factor. The enrolled methods, "verify with something else", and the seed's note. */
export function ChallengeScreen({ view, onTransaction, onCancel }: { view: TransactionView; onTransaction: (view: TransactionView) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const factors = [...(view.factors ?? [])].filter((factor) => factor.id).sort(byPreference);
  const [chosenId, setChosenId] = useState(factors[0]?.id);
  const [answer, setAnswer] = useState('');
  const [otp, setOtp] = useState('');
  const [attempt, setAttempt] = useState(0);
  const { busy, error, setError, run } = useAction();
  const keyPath = useKeyPath();
  const [touchPrompt, clearTouch] = useTouchPrompt();
  const pluggedModel = usePluggedModel();
  const pushWaiting = view.status === 'MFA_CHALLENGE' && view.factorResult === 'WAITING';
  usePoll(pushWaiting, onTransaction, (code) => setError({ code: code as never }));

  const chosen = view.status === 'MFA_CHALLENGE' ? view.factor : factors.find((factor) => factor.id === chosenId);
  const [desktopCode, setDesktopCode] = useState<{ code: string; secondsLeft: number }>();
  const isTotp = chosen?.kind === 'totp-google' || chosen?.kind === 'totp-okta';
  useEffect(() => {
    if (!isTotp) return;
    let stopped = false;
    // The desktop authenticator's code, refreshed every second while shown (seconds left count down).
    const refresh = async () => {
      const status = await call('authenticator.status', {});
      if (stopped || !status.ok || !status.value.holdsForUser) return;
      const current = await call('authenticator.current', {});
      if (!stopped && current.ok) setDesktopCode(current.value);
    };
    void refresh();
    const timer = setInterval(() => void refresh(), 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [isTotp]);

  async function submitDesktopCode() {
    if (!chosen?.id) return;
    const next = await run('authenticator.verifyHere', { factorId: chosen.id });
    if (next) onTransaction(next);
  }

  async function verify(request: { passCode?: string; answer?: string; otp?: string }) {
    if (!chosen?.id) return;
    const next = await run('auth.verify', { factorId: chosen.id, ...request });
    if (next) onTransaction(next);
    else setAttempt((n) => n + 1);
  }

  /** Security key: ask Okta for a challenge, then let the key sign it (one click for the technician). */
  async function signInWithKey() {
    if (!chosen?.id) return;
    if (keyPath !== 'renderer') {
      // Main runs the ceremony: over USB itself, or through the OS WebAuthn window (Windows, no admin).
      const done = await run('auth.webauthnNative', { factorId: chosen.id });
      clearTouch();
      if (done) onTransaction(done);
      return;
    }
    const challenged = view.status === 'MFA_CHALLENGE' && view.webauthnRequestJson ? view : await run('auth.verify', { factorId: chosen.id });
    const options = challenged?.webauthnRequestJson;
    if (!challenged || !options) return;
    const ceremony = await signWithKey(options);
    if (!ceremony.ok) {
      setError(ceremony.error);
      onTransaction(challenged);
      return;
    }
    const next = await run('auth.webauthnVerify', { factorId: chosen.id, ...ceremony.value });
    if (next) onTransaction(next);
  }

  async function step(channel: 'auth.previous' | 'auth.resend') {
    const next = await run(channel, {});
    if (next) onTransaction(next);
  }

  if (view.status === 'MFA_CHALLENGE' && chosen?.kind === 'push-okta') {
    const failed = view.factorResult === 'REJECTED' || view.factorResult === 'TIMEOUT';
    return (
      <Screen id={PUSH_WAIT_SCREEN_ID} title={t('push.waitTitle')}>
        {failed ? (
          <div className="notice notice-error" role="alert">
            <p>{t(view.factorResult === 'REJECTED' ? 'error.E_AUTH_PUSH_REJECTED' : 'error.E_AUTH_PUSH_TIMEOUT')}</p>
          </div>
        ) : (
          <p className="waiting" role="status">
            <span className="spinner" aria-hidden="true" /> {t('push.waiting', { device: chosen.label ?? 'Okta Verify' })}
          </p>
        )}
        {view.correctAnswer !== undefined && !failed ? (
          <div className="number-challenge" role="status">
            <p>{t('push.numberChallenge')}</p>
            <p className="big-number" aria-label={t('push.numberLabel', { number: view.correctAnswer })}>
              {view.correctAnswer}
            </p>
          </div>
        ) : null}
        <ErrorNotice error={error} />
        <div className="actions">
          {failed ? (
            <button type="button" className="primary" onClick={() => void verify({})} disabled={busy}>
              {t('push.sendAgain')}
            </button>
          ) : (
            <button type="button" onClick={() => void step('auth.resend')} disabled={busy}>
              {t('push.resend')}
            </button>
          )}
          <button type="button" className="link" onClick={() => void step('auth.previous')} disabled={busy}>
            {t('push.useOther')}
          </button>
        </div>
      </Screen>
    );
  }

  const submitText = (event: FormEvent) => {
    event.preventDefault();
    if (chosen?.kind === 'question') void verify({ answer });
    else void verify({ otp });
  };

  // An error sits under what it is about (the field, the key's instructions) and above the button that retries.
  const errorNotice = <ErrorNotice error={error} />;
  return (
    <Screen id={CHALLENGE_SCREEN_ID} title={t('challenge.title')}>
      {chosen ? <p className="lead">{t(`factor.${chosen.kind}` as MessageKey)}{chosen.label && chosen.kind === 'push-okta' ? ` — ${chosen.label}` : ''}</p> : null}
      {chosen?.kind === 'push-okta' ? (
        <>
          {errorNotice}
          <button type="button" className="primary" onClick={() => void verify({})} disabled={busy}>
            {t('push.send')}
          </button>
        </>
      ) : chosen?.kind === 'webauthn' ? (
        <>
          <p>{t('key.signHint')}</p>
          {busy && (touchPrompt || keyPath === 'os-webauthn') ? (
            <p className="waiting" role="status">
              <span className="spinner" aria-hidden="true" /> {touchText(t, keyPath, touchPrompt)}
            </p>
          ) : null}
          {errorNotice}
          <button type="button" className="primary" onClick={() => void signInWithKey()} disabled={busy}>
            {t('key.use')}
          </button>
        </>
      ) : isTotp && desktopCode ? (
        <div className="desktop-code" data-desktop-code>
          <p>{t('desktop.codeIntro')}</p>
          <p className="big-number">{`${desktopCode.code.slice(0, 3)} ${desktopCode.code.slice(3)}`}</p>
          <p className="hint">{t('desktop.secondsLeft', { seconds: desktopCode.secondsLeft })}</p>
          {errorNotice}
          <button type="button" className="primary" onClick={() => void submitDesktopCode()} disabled={busy}>
            {t('desktop.use')}
          </button>
        </div>
      ) : chosen?.kind === 'totp-google' || chosen?.kind === 'totp-okta' ? (
        <>
          <CodeInput key={`${chosen.id}-${attempt}`} id="challenge-code" disabled={busy} onComplete={(code) => void verify({ passCode: code })} label={t('challenge.codeLabel')} />
          {errorNotice}
        </>
      ) : chosen?.kind === 'question' || chosen?.kind === 'yubikey-otp' ? (
        <form onSubmit={submitText} noValidate>
          <label htmlFor="challenge-text">{chosen.kind === 'question' ? questionText(t, chosen.questionId, chosen.label ?? t('challenge.answer')) : t('yubikey.otpLabel')}</label>
          {chosen.kind === 'question' ? (
            <input id="challenge-text" value={answer} onChange={(e) => setAnswer(e.target.value)} autoComplete="off" />
          ) : (
            <input id="challenge-text" value={otp} onChange={(e) => setOtp(e.target.value)} autoComplete="off" spellCheck={false} />
          )}
          {chosen.kind === 'yubikey-otp' ? <p className="hint">{touchDiscText(t, pluggedModel)}</p> : null}
          {errorNotice}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('challenge.verify')}
            </button>
          </div>
        </form>
      ) : (
        <>
          {chosen ? <p className="hint">{t('challenge.unsupported')}</p> : null}
          {errorNotice}
        </>
      )}
      {factors.length > 1 ? (
        <div className="other-factors">
          <label htmlFor="other-factor">{t('challenge.other')}</label>
          <select id="other-factor" value={chosenId} onChange={(e) => setChosenId(e.target.value)}>
            {factors.map((factor) => (
              <option key={factor.id} value={factor.id}>
                {t(`factor.${factor.kind}` as MessageKey)}
                {factor.label && factor.kind === 'push-okta' ? ` — ${factor.label}` : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {/* The seed's note about a reset account, only where it helps: after a wrong 6-digit code (issue #16 item 13). */}
      {isTotp && error?.code === 'E_AUTH_INVALID_PASSCODE' ? (
        <div className="notice notice-info" role="note">
          <p>{t('challenge.seedNote')}</p>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="link" onClick={onCancel}>
          {t('common.backToSignIn')}
        </button>
      </div>
    </Screen>
  );
}
