import { useState } from 'react';
import type { ChannelValue } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { Screen } from '../../components/Screen.tsx';
import { useI18n, type MessageKey } from '../../i18n/messages.ts';

export const HELP_SCREEN_ID = 'E-30';

/** "Need help signing in?" → Help: what to do for each common problem, and "Request Help" under More Help. */
export function HelpScreen({ onRequestHelp, onActivate, onBack, supportPhone, build, updates, overrides }: { onRequestHelp: () => void; onActivate: () => void; onBack: () => void; supportPhone?: string | undefined; build?: string | undefined; updates?: string | undefined; overrides?: readonly string[] | undefined }) {
  const { t } = useI18n();
  const [report, setReport] = useState<ChannelValue<'support.selfTest'>>();
  const [running, setRunning] = useState(false);
  async function runSelfTest() {
    setRunning(true);
    const response = await call('support.selfTest', {});
    setRunning(false);
    if (response.ok) setReport(response.value);
  }
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
      <h3>{t('selfTest.title')}</h3>
      <p className="hint">{t('selfTest.intro')}</p>
      <button type="button" onClick={() => void runSelfTest()} disabled={running}>
        {t('selfTest.run')}
      </button>
      {report ? (
        <ul className="checklist" data-self-test={report.ok ? 'pass' : 'fail'} aria-live="polite">
          {report.checks.map((check) => (
            <li key={check.id} className={check.ok ? 'met' : 'unmet'}>
              <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span> {t(`selfTest.${check.id}` as MessageKey)} — {check.detail}
            </li>
          ))}
        </ul>
      ) : null}
      {build ? <p className="hint" data-build>{t('help.about', { build })}</p> : null}
      {overrides && overrides.length > 0 ? <p className="hint" data-overrides>{t('help.overrides', { names: overrides.join(', ') })}</p> : null}
      {updates ? <p className="hint" data-updates={updates}>{t(`updates.${updates}` as MessageKey)}</p> : null}
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
