import type { TransactionView } from '../../../preload/contract.ts';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';

export const SUCCESS_SCREEN_ID = 'E-20';

export function SuccessScreen({ view, onSignOut }: { view: TransactionView; onSignOut: () => void }) {
  const { t } = useI18n();
  return (
    <Screen id={SUCCESS_SCREEN_ID} title={t('success.title')}>
      <p className="lead">{t('success.signedInAs', { login: view.user?.login ?? '' })}</p>
      <button type="button" onClick={onSignOut}>
        {t('success.signOut')}
      </button>
    </Screen>
  );
}
