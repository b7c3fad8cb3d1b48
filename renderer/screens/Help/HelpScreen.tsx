import { useEffect, useState } from 'react';
import type { ChannelValue, ErrorView } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { Screen } from '../../components/Screen.tsx';
import { errorMessage } from '../../i18n/error-messages.ts';
import { useI18n, type MessageKey } from '../../i18n/messages.ts';
import { describeBuild } from '../../build-text.ts';

export const HELP_SCREEN_ID = 'E-30';

/**
 * "Need help signing in?" → Help. The article's way out comes first: Request Help and the support phone
 * (issue #16 item 10); then what to do for each common problem; last, what support may ask for (the
 * self-test and the version), in its own section.
 */
export function HelpScreen({ onRequestHelp, onActivate, onBack, backToSignIn, supportPhone, build, updates, overrides }: {
  onRequestHelp: () => void;
  onActivate: () => void;
  onBack: () => void;
  /** No sign-in under way: "Back to sign-in"; otherwise back to the screen the technician left. */
  backToSignIn: boolean;
  supportPhone?: string | undefined;
  build?: string | undefined;
  updates?: string | undefined;
  /** Development overrides in force (names of environment variables), for support. */
  overrides?: readonly string[] | undefined;
}) {
  const { t } = useI18n();
  const [report, setReport] = useState<ChannelValue<'support.selfTest'>>();
  const [running, setRunning] = useState(false);
  // The org's engine (and on Identity Engine its authenticators), asked fresh: a sign-in or the check may have just learnt it.
  const [org, setOrg] = useState<Pick<ChannelValue<'app.info'>, 'engine' | 'authenticators'>>({});
  const loadOrg = () => call('app.info', {}).then((info) => info.ok && setOrg({ engine: info.value.engine, authenticators: info.value.authenticators }));
  useEffect(() => {
    void call('app.info', {}).then((info) => info.ok && setOrg({ engine: info.value.engine, authenticators: info.value.authenticators }));
  }, []);
  async function runSelfTest() {
    setRunning(true);
    const response = await call('support.selfTest', {});
    setRunning(false);
    if (response.ok) setReport(response.value);
    await loadOrg();
  }
  return (
    <Screen id={HELP_SCREEN_ID} title={t('help.title')} help={false}>
      <section className="help-first" aria-labelledby="help-more">
        <h3 id="help-more">{t('help.moreHelp')}</h3>
        <p>{t('help.requestIntro')}</p>
        {supportPhone ? <p className="lead">{t('help.callSupport', { phone: supportPhone })}</p> : null}
        <div className="actions">
          <button type="button" className="primary" onClick={onRequestHelp}>
            {t('help.requestHelp')}
          </button>
          <button type="button" className="link" onClick={onBack}>
            {backToSignIn ? t('common.backToSignIn') : t('common.back')}
          </button>
        </div>
      </section>
      <h3>{t('help.lostPhoneTitle')}</h3>
      <p>{t('help.lostPhoneBody')}</p>
      <p className="hint">{t('challenge.seedNote')}</p>
      <h3>{t('help.activationTitle')}</h3>
      <p>{t('help.activationBody')}</p>
      <button type="button" className="link" onClick={onActivate}>
        {t('signIn.activate')}
      </button>
      <h3>{t('help.lockedTitle')}</h3>
      <p>{t('help.lockedBody')}</p>
      <section className="for-support" aria-labelledby="help-support">
        <h3 id="help-support">{t('help.supportSection')}</h3>
        <p className="hint">{t('selfTest.intro')}</p>
        <button type="button" onClick={() => void runSelfTest()} disabled={running}>
          {t('selfTest.run')}
        </button>
        {report ? (
          <ul className="checklist" data-self-test={report.ok ? 'pass' : 'fail'} aria-live="polite" aria-label={t('selfTest.title')}>
            {report.checks.map((check) => (
              <li key={check.id} className={check.ok ? 'met' : 'unmet'} data-check={check.id}>
                <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span> {t(`selfTest.${check.id}` as MessageKey)} — {selfTestResult(check)}
              </li>
            ))}
          </ul>
        ) : null}
        {org.engine ? (
          <p className="hint" data-engine={org.engine}>
            {t('help.engine', { engine: t(`help.engineName.${org.engine}`) })}
          </p>
        ) : null}
        {org.engine === 'identity' && org.authenticators?.length ? (
          <p className="hint" data-authenticators>
            {t('help.authenticators', { keys: org.authenticators.join(', ') })}
          </p>
        ) : null}
        {build ? (
          <p className="hint" data-build>
            {t('help.version', { about: describeBuild(t, build) })}
          </p>
        ) : null}
        {overrides && overrides.length > 0 ? (
          <p className="hint" data-overrides>
            {t('help.overrides', { names: overrides.join(', ') })}
          </p>
        ) : null}
        {updates ? (
          <p className="hint" data-updates={updates}>
            {t(`updates.${updates}` as MessageKey)}
          </p>
        ) : null}
      </section>
    </Screen>
  );

  /** The check's outcome in the technician's language: main's detail is English, for the installer's log. */
  function selfTestResult(check: ChannelValue<'support.selfTest'>['checks'][number]): string {
    const drift = check.driftSeconds !== undefined ? ` (${t('selfTest.drift', { seconds: check.driftSeconds })})` : '';
    if (check.ok) return `${t('selfTest.passed')}${drift}`;
    const problem = check.code && check.code !== 'E_CLOCK_DRIFT' ? errorMessage(t, { code: check.code as ErrorView['code'] }) : t('selfTest.failed');
    return `${problem}${drift}`;
  }
}
