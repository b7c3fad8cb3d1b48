import { Fragment, useEffect, useState } from 'react';
import type { ErrorView, TotpSetupView, TransactionView } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { KeepAuthenticatorWarning } from '../../components/Advice.tsx';
import { CodeInput } from '../../components/CodeInput.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';

export const ENROLL_PHONE_SCREEN_ID = 'E-11';
export const ENROLL_SCAN_SCREEN_ID = 'E-12';
export const ENROLL_CODE_SCREEN_ID = 'E-13';

type Step = 'phone' | 'scan' | 'code';
type Phone = 'iphone' | 'android' | 'desktop';

/** Seed steps 4–9: phone type → scan the QR code with Google Authenticator → enter the 6-digit code. */
export function EnrollTotpScreen({ view, onActivated, onBack }: { view: TransactionView; onActivated: (view: TransactionView) => void; onBack: () => void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>('phone');
  const [phone, setPhone] = useState<Phone>();
  const [showKey, setShowKey] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [noPhone, setNoPhone] = useState(false);
  const { busy, error, run } = useAction();
  const [desktop, setDesktop] = useState<{ allowed: boolean; reason?: ErrorView['code'] | undefined }>();
  useEffect(() => {
    void call('authenticator.status', {}).then((response) => response.ok && setDesktop(response.value));
  }, []);

  /** This computer as the authenticator: main reads the seed, keeps it in the keychain and activates. */
  async function enrollThisComputer() {
    const next = await run('authenticator.enrollHere', {});
    if (next) onActivated(next);
  }
  // The seed is asked for by this screen alone, not carried by every state reply; asked again on each visit.
  const [activation, setActivation] = useState<TotpSetupView>();
  useEffect(() => {
    void call('auth.totpSetup', {}).then((response) => response.ok && setActivation(response.value));
  }, []);
  const app = view.factor?.kind === 'totp-okta' ? 'Okta Verify' : 'Google Authenticator';

  /** The app's own four steps: where will codes come from, scan, code, done (E-14). */
  const progress = (step: number) => ({ method: app, step, total: 4 });

  async function verify(passCode: string) {
    const next = await run('auth.activate', { passCode });
    if (next) onActivated(next);
    else setAttempt((n) => n + 1);
  }

  if (step === 'phone') {
    return (
      <Screen id={ENROLL_PHONE_SCREEN_ID} title={t('totp.phoneTitle', { app })} progress={progress(1)}>
        <p>{t('totp.phoneIntro', { app })}</p>
        <fieldset className="choice-group" aria-describedby={noPhone ? 'phone-missing' : undefined}>
          <legend>{t('totp.phoneLegend')}</legend>
          {(desktop?.allowed ? (['iphone', 'android', 'desktop'] as const) : (['iphone', 'android'] as const)).map((kind) => (
            <label key={kind} className="choice">
              <input type="radio" name="phone" value={kind} checked={phone === kind} onChange={() => {
                  setPhone(kind);
                  setNoPhone(false);
                }} />
              <span>
                <strong>{t(`totp.phone.${kind}`)}</strong>
                <span className="hint"> — {t(`totp.store.${kind}`, { app })}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {/* A refused option is not shown, and neither is why (issue #16 item 8); main's reason stays for support. */}
        {desktop && !desktop.allowed ? <span hidden data-desktop-reason={desktop.reason} /> : null}
        {noPhone ? (
          <p className="field-error" id="phone-missing">
            {t('totp.phoneMissing')}
          </p>
        ) : null}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => (!phone ? setNoPhone(true) : phone === 'desktop' ? void enrollThisComputer() : setStep('scan'))}>
            {t('common.next')}
          </button>
          <button type="button" className="link" onClick={onBack}>
            {t('common.back')}
          </button>
        </div>
      </Screen>
    );
  }

  if (step === 'scan') {
    return (
      <Screen id={ENROLL_SCAN_SCREEN_ID} title={t('totp.scanTitle')} progress={progress(2)} wide>
        {/* The steps beside the QR code, as on the phone's own setup pages: the whole step fits a screen's height. */}
        <div className="scan-layout">
          <ol className="steps">
            <li>{t(phone === 'iphone' ? 'totp.scanStep1.iphone' : 'totp.scanStep1.android', { app })}</li>
            <li>{t('totp.scanStep2')}</li>
            <li>{t('totp.scanStep3')}</li>
          </ol>
          {activation ? <img className="qr" src={activation.qrDataUrl} alt={t('totp.qrAlt', { app })} width={240} height={240} /> : null}
        </div>
        <button type="button" className="link" aria-expanded={showKey} onClick={() => setShowKey((shown) => !shown)}>
          {t('totp.cantScan')}
        </button>
        {showKey && activation ? (
          <div className="manual-key">
            <p>{t('totp.manualIntro', { app })}</p>
            {/* Groups of four that never break inside a group: "ABCD EFGH", never "…CP3" / "5". */}
            <p className="key" aria-label={t('totp.manualKeyLabel')}>
              {(activation.manualKey.match(/.{1,4}/g) ?? []).map((group, index) => (
                <Fragment key={index}>
                  {index > 0 ? ' ' : ''}
                  <span className="key-group">{group}</span>
                </Fragment>
              ))}
            </p>
            <p className="hint">{t('totp.manualType')}</p>
          </div>
        ) : null}
        <div className="notice notice-info" role="note">
          <p>{t('totp.scanAllDevices', { app })}</p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setStep('code')}>
            {t('common.next')}
          </button>
          <button type="button" className="link" onClick={() => setStep('phone')}>
            {t('common.back')}
          </button>
        </div>
      </Screen>
    );
  }

  return (
    <Screen id={ENROLL_CODE_SCREEN_ID} title={t('totp.codeTitle')} progress={progress(3)}>
      <p>{t('totp.codeIntro', { app })}</p>
      <CodeInput key={attempt} id="enroll-code" digits={activation?.digits ?? 6} disabled={busy} onComplete={(code) => void verify(code)} label={t('totp.codeLabel')} />
      <ErrorNotice error={error} />
      <KeepAuthenticatorWarning />
      <div className="actions">
        <button type="button" className="link" onClick={() => setStep('scan')}>
          {t('common.back')}
        </button>
      </div>
    </Screen>
  );
}
