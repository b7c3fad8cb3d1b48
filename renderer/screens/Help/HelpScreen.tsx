import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';

export const HELP_SCREEN_ID = 'E-30';

/** "Need help signing in?" → Help: what to do for each common problem, and "Request Help" under More Help. */
export function HelpScreen({ onRequestHelp, onActivate, onBack, supportPhone }: { onRequestHelp: () => void; onActivate: () => void; onBack: () => void; supportPhone?: string | undefined }) {
  const { t } = useI18n();
  return (
    <Screen id={HELP_SCREEN_ID} title={t('help.title')}>
      <h3>{t('help.lostPhoneTitle')}</h3>
      <p>{t('help.lostPhoneBody')}</p>
      <h3>{t('help.activationTitle')}</h3>
      <p>{t('help.activationBody')}</p>
      <button type="button" className="link" onClick={onActivate}>
        {t('signIn.activate')}
      </button>
      <h3>{t('help.lockedTitle')}</h3>
      <p>{t('help.lockedBody')}</p>
      <h3>{t('help.moreHelp')}</h3>
      {supportPhone ? <p className="lead">{t('help.callSupport', { phone: supportPhone })}</p> : null}
      <div className="actions">
        <button type="button" className="primary" onClick={onRequestHelp}>
          {t('help.requestHelp')}
        </button>
        <button type="button" className="link" onClick={onBack}>
          {t('common.backToSignIn')}
        </button>
      </div>
    </Screen>
  );
}
