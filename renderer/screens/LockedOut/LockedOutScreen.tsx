import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';

export const LOCKED_OUT_SCREEN_ID = 'E-05';

export function LockedOutScreen({ onHelp, onSignIn }: { onHelp: () => void; onSignIn: () => void }) {
  const { t } = useI18n();
  return (
    <Screen id={LOCKED_OUT_SCREEN_ID} title={t('lockedOut.title')}>
      <p>{t('lockedOut.body')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onHelp}>
          {t('help.requestHelp')}
        </button>
        <button type="button" className="link" onClick={onSignIn}>
          {t('common.backToSignIn')}
        </button>
      </div>
    </Screen>
  );
}
