import { KeepAuthenticatorWarning, SeveralDevicesAdvice } from '../../components/Advice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';

export const PASSCODE_VERIFIED_SCREEN_ID = 'E-14';

/** Seed step 10: "Passcode successfully verified", then Done: the last of the app's four steps. */
export function PasscodeVerifiedScreen({ factor, onDone }: { factor?: 'totp-google' | 'totp-okta' | undefined; onDone: () => void }) {
  const { t } = useI18n();
  const app = factor === 'totp-okta' ? 'Okta Verify' : 'Google Authenticator';
  return (
    <Screen id={PASSCODE_VERIFIED_SCREEN_ID} title={t('verified.title')} progress={{ method: app, step: 4, total: 4 }}>
      <div className="notice notice-ok" role="status">
        <p>{t('verified.message')}</p>
      </div>
      <KeepAuthenticatorWarning />
      <SeveralDevicesAdvice />
      <div className="actions">
        <button type="button" className="primary" onClick={onDone} autoFocus>
          {t('verified.done')}
        </button>
      </div>
    </Screen>
  );
}
