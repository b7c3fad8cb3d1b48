import { KeepAuthenticatorWarning, SeveralDevicesAdvice } from '../../components/Advice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import type { SetUpFactor } from '../../route.ts';

export const PASSCODE_VERIFIED_SCREEN_ID = 'E-14';

/**
 * The last of a method's own steps: Google Authenticator's fourth ("Passcode successfully verified", seed
 * step 10), Okta Verify's second (the phone confirmed), the security key's third (the key is registered).
 */
export function PasscodeVerifiedScreen({ factor = 'totp-google', onDone }: { factor?: SetUpFactor | undefined; onDone: () => void }) {
  const { t } = useI18n();
  const progress =
    factor === 'webauthn'
      ? { method: t('progress.securityKey'), step: 3, total: 3 }
      : factor === 'push-okta'
        ? { method: 'Okta Verify', step: 2, total: 2 }
        : { method: factor === 'totp-okta' ? 'Okta Verify' : 'Google Authenticator', step: 4, total: 4 };
  const message = factor === 'webauthn' ? t('verified.keyMessage') : factor === 'push-okta' ? t('verified.pushMessage') : t('verified.message');
  return (
    <Screen id={PASSCODE_VERIFIED_SCREEN_ID} title={t('verified.title')} progress={progress}>
      <div className="notice notice-ok" role="status">
        <p>{message}</p>
      </div>
      {factor === 'webauthn' ? null : <KeepAuthenticatorWarning />}
      {factor === 'webauthn' ? null : <SeveralDevicesAdvice />}
      <div className="actions">
        <button type="button" className="primary" onClick={onDone} autoFocus>
          {t('verified.done')}
        </button>
      </div>
    </Screen>
  );
}
