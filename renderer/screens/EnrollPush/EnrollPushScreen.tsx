import type { TransactionView } from '../../../preload/contract.ts';
import { KeepAuthenticatorWarning } from '../../components/Advice.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';
import { usePoll } from '../../use-poll.ts';

export const ENROLL_PUSH_SCREEN_ID = 'E-15';

/** Okta Verify: scan the QR code in the app, then wait here until the phone confirms (step 1 of 2; E-14 is the 2nd). */
export function EnrollPushScreen({ view, onTransaction }: { view: TransactionView; onTransaction: (view: TransactionView) => void }) {
  const { t } = useI18n();
  const { busy, error, setError, run } = useAction();
  const waiting = view.factorResult === 'WAITING' || view.factorResult === undefined;
  usePoll(waiting, onTransaction, (code) => setError({ code: code as never }));
  const activation = view.activation?.kind === 'push' ? view.activation : undefined;

  async function back() {
    const next = await run('auth.previous', {});
    if (next) onTransaction(next);
  }

  return (
    <Screen id={ENROLL_PUSH_SCREEN_ID} title={t('push.enrollTitle')} progress={{ method: 'Okta Verify', step: 1, total: 2 }}>
      {/* Two short steps and the code under them: a card as wide as the other steps', not a wide one half empty. */}
      <ol className="steps">
        <li>{t('push.enrollStep1')}</li>
        <li>{t('push.enrollStep2')}</li>
      </ol>
      {activation ? <img className="qr" src={activation.qrDataUrl} alt={t('push.qrAlt')} width={240} height={240} /> : null}
      {view.factorResult === 'TIMEOUT' ? (
        <div className="notice notice-error" role="alert">
          <p>{t('push.enrollTimeout')}</p>
        </div>
      ) : (
        <p className="waiting" role="status">
          <span className="spinner" aria-hidden="true" /> {t('push.enrollWaiting')}
        </p>
      )}
      <KeepAuthenticatorWarning />
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="button" className="link" onClick={() => void back()} disabled={busy}>
          {t('common.back')}
        </button>
      </div>
    </Screen>
  );
}
