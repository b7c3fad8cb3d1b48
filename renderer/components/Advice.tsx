import { useI18n } from '../i18n/messages.ts';

/** The seed's two warnings, said where they matter: never delete the authenticator; set it up on several devices. */
export function KeepAuthenticatorWarning() {
  const { t } = useI18n();
  return (
    <div className="notice notice-warn" role="note">
      <p>
        <strong>{t('advice.warningTitle')}</strong> {t('advice.neverDelete')}
      </p>
    </div>
  );
}

export function SeveralDevicesAdvice() {
  const { t } = useI18n();
  return (
    <div className="notice notice-info" role="note">
      <p>{t('advice.severalDevices')}</p>
    </div>
  );
}
