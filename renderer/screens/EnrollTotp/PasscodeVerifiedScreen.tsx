import { KeepAuthenticatorWarning, SeveralDevicesAdvice } from '../../components/Advice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';

export const PASSCODE_VERIFIED_SCREEN_ID = 'E-14';

/** Seed step 10: "Passcode successfully verified", then Done. */
export function PasscodeVerifiedScreen({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Screen id={PASSCODE_VERIFIED_SCREEN_ID} title={t('verified.title')}>
      <div className="notice notice-ok" role="status">
        <p>{t('verified.message')}</p>
      </div>
      <KeepAuthenticatorWarning />
      <SeveralDevicesAdvice />
      <button type="button" className="primary" onClick={onDone} autoFocus>
        {t('verified.done')}
      </button>
    </Screen>
  );
}
