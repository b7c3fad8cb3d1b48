import type { HelpReceiptView } from '../../../preload/contract.ts';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';

export const HELP_SENT_SCREEN_ID = 'E-32';

/** Seed steps 5–6: wait for the support team's e-mail, then sign in again and set up verification again. */
export function HelpSentScreen({ receipt, onDone }: { receipt: HelpReceiptView; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Screen id={HELP_SENT_SCREEN_ID} title={receipt.queued ? t('sent.queuedTitle') : t('sent.title')} help={false}>
      {receipt.reference ? (
        <div className="notice notice-ok" role="status">
          <p>{t('sent.reference')}</p>
          <p className="big-number" data-reference={receipt.reference}>
            {receipt.reference}
          </p>
        </div>
      ) : (
        <div className="notice notice-warn" role="status">
          <p>{t('sent.queued')}</p>
        </div>
      )}
      <ol className="steps">
        <li>{t('sent.step1')}</li>
        <li>{t('sent.step2')}</li>
        <li>{t('sent.step3')}</li>
      </ol>
      <div className="notice notice-info" role="note">
        <p>{t('challenge.seedNote')}</p>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={onDone}>
          {t('common.backToSignIn')}
        </button>
      </div>
    </Screen>
  );
}
