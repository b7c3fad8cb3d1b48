import { useEffect, useState } from 'react';
import type { TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';

export const SUCCESS_SCREEN_ID = 'E-20';

/** Seed step 12: signed in; the button that opens wiTECH 2.0 diagnostics already signed in. */
export function SuccessScreen({ view, onSignOut }: { view: TransactionView; onSignOut: () => void }) {
  const { t } = useI18n();
  const [destination, setDestination] = useState<{ destinationHost: string; allowed: boolean }>();
  const [opened, setOpened] = useState(false);
  const { busy, error, run } = useAction();

  useEffect(() => {
    void run('launch.describe', {}).then((described) => described && setDestination(described));
  }, [run]);

  async function open() {
    if (await run('launch.open', {})) setOpened(true);
  }

  return (
    // The lead sentence names the account: the frame's chip would say it a second time.
    <Screen id={SUCCESS_SCREEN_ID} title={t('success.title')} account={false}>
      <p className="lead">{t('success.signedInAs', { login: view.user?.login ?? '' })}</p>
      {destination ? <p>{t('success.destination', { host: destination.destinationHost })}</p> : null}
      {opened ? (
        <div className="notice notice-ok" role="status">
          <p>{t('success.opened', { host: destination?.destinationHost ?? '' })}</p>
        </div>
      ) : null}
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void open()} disabled={busy || opened || destination?.allowed === false}>
          {t('success.open')}
        </button>
        <button type="button" onClick={onSignOut}>
          {t('success.signOut')}
        </button>
      </div>
    </Screen>
  );
}
