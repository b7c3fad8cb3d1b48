import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfoView, Language, TransactionView } from '../preload/contract.ts';
import { call, onCallSettled, onEvent } from './api.ts';
import type { Boot } from './boot.ts';
import { firstScreenCatalog } from './i18n/first-screen.ts';
import { I18nContext, loadCatalog, translator, type Catalog } from './i18n/messages.ts';
import { overlayAfter, routeFor, type Overlay } from './route.ts';
import { prefetchScreens, Screens } from './Screens.tsx';
import { Screen } from './components/Screen.tsx';

// Only a machine policy with an idle sign-out needs the idle guard.
const IdleGuard = lazy(() => import('./components/IdleGuard.tsx').then((m) => ({ default: m.IdleGuard })));
// Only the packaged app's USB path asks for a PIN in the page: its dialog stays out of the start-up chunk.
const PinDialog = lazy(() => import('./components/PinDialog.tsx').then((m) => ({ default: m.PinDialog })));
import { KeyPathContext } from './key-path.ts';

const NONE: TransactionView = { status: 'NONE', canGoBack: false, canSkip: false };

/** Above this, TOTP codes from a phone fail and TLS may too (issue #5): say so before any code is asked. */
const DRIFT_LIMIT_SECONDS = 30;

/**
 * Main hands its first answers over with the page (language, settings, sign-in state): the first screen is
 * drawn from them at once, in the technician's language, with the sign-in strings built into this chunk.
 * The full catalog loads after that first paint. Main draws the same first render ahead, as HTML
 * (renderer/first-frame.tsx): nothing here may read the browser while rendering.
 */
export function App({ boot }: { boot: Boot }) {
  const [info, setInfo] = useState<AppInfoView | undefined>(boot.info);
  const [firstView] = useState<TransactionView>(() => boot.view ?? NONE);
  const [view, setView] = useState<TransactionView>(firstView);
  const [overlay, setOverlay] = useState<Overlay>({ kind: 'none' });
  const [keyChange, setKeyChange] = useState<{ connected: boolean; model: string }>();
  const [loaded, setLoaded] = useState<{ language: Language; catalog: Catalog }>();
  const wanted: Language | undefined = info?.language;
  const route = routeFor(view, overlay);
  // Before the full catalog is in, only the sign-in screen can be drawn: its strings are in this chunk.
  const early: Language | undefined = !loaded && route === 'signIn' ? wanted : undefined;
  const language: Language = loaded?.language ?? early ?? 'fr';
  const i18n = useMemo(() => ({ language, t: loaded ? translator(loaded.catalog) : early ? translator(firstScreenCatalog(early)) : () => '' }), [language, loaded, early]);
  const { t } = i18n;

  useEffect(() => {
    if (!wanted) return undefined;
    // A catalog that arrives after the technician chose the other language is not applied.
    let stillWanted = true;
    void loadCatalog(wanted).then((catalog) => stillWanted && setLoaded({ language: wanted, catalog }));
    return () => {
      stillWanted = false;
    };
  }, [wanted]);

  // Once the window is usable, the other screens load in the background: the next one is ready when needed.
  useEffect(() => {
    if (loaded) prefetchScreens();
  }, [loaded]);

  const refreshInfo = useCallback(() => void call('app.info', {}).then((response) => response.ok && setInfo(response.value)), []);

  // Main learns the org's clock from its answers: after any call to the org, refresh the drift banner.
  useEffect(() => onCallSettled((channel) => channel.startsWith('auth.') && refreshInfo()), [refreshInfo]);

  useEffect(() => {
    refreshInfo();
    // Main's state may have moved since the page was served (a deep link); an answer arriving after the
    // technician already moved on is stale and dropped.
    void call('auth.state', {}).then((response) => response.ok && setView((current) => (current === firstView ? response.value : current)));
    // A deep link redeemed by main (witech-login://activate?token=…) arrives as a new transaction.
    const offChanged = onEvent('auth.changed', (next) => {
      setView(next);
      setOverlay({ kind: 'none' });
    });
    const offKey = onEvent('yubikey.device', setKeyChange);
    // A refused app link lands on the activation screen with its explanation.
    const offRefused = onEvent('link.refused', (error) => setOverlay({ kind: 'activate', error }));
    return () => {
      offChanged();
      offRefused();
      offKey();
    };
  }, [refreshInfo, firstView]);

  useEffect(() => {
    if (loaded || early) document.documentElement.lang = language;
  }, [loaded, early, language]);

  const onTransaction = useCallback(
    (next: TransactionView) => {
      setOverlay(overlayAfter(view, next));
      setView(next);
    },
    [view],
  );

  /** Back to a clean sign-in: main forgets the technician, the page reloads so no view state survives. */
  const switchTechnician = useCallback(async () => {
    await call('session.switchTechnician', {});
    window.location.reload();
  }, []);

  async function switchLanguage(next: Language) {
    const response = await call('settings.setLanguage', { language: next });
    if (response.ok) setInfo(response.value);
  }

  const drift = info?.clockDriftSeconds;
  if (!loaded && !early) return null;
  return (
    <I18nContext.Provider value={i18n}>
      <KeyPathContext.Provider value={info?.keyPath ?? 'renderer'}>
      <header className="app-header">
        <div className="app-name">
          <h1>{t('app.title')}</h1>
          <p className="subtitle">{t('app.subtitle')}</p>
        </div>
        {/* Fixed slots, right-aligned as one group: nothing moves when a slot is empty. */}
        <div className="header-tools">
          {view.status !== 'NONE' ? (
            <button type="button" className="switch-technician" onClick={() => void switchTechnician()}>
              {t('session.switch')}
            </button>
          ) : null}
          {info?.policy?.languageLocked ? null : (
            <div className="language-switch" role="group" aria-label={t('app.language')}>
              {(['fr', 'en'] as const).map((code) => (
                <button key={code} type="button" lang={code} aria-pressed={language === code} onClick={() => void switchLanguage(code)}>
                  {code === 'fr' ? 'Français' : 'English'}
                </button>
              ))}
            </div>
          )}
        </div>
      </header>
      {info?.policy?.idleSignOutMinutes && view.status !== 'NONE' ? (
        <Suspense fallback={null}>
          <IdleGuard minutes={info.policy.idleSignOutMinutes} onExpired={() => void switchTechnician()} />
        </Suspense>
      ) : null}
      {info?.trainingOrg ? (
        <p className="banner banner-training" role="note">
          {t('app.trainingBanner')}
        </p>
      ) : null}
      {keyChange ? (
        <p className="banner banner-info" role="status" data-banner="yubikey">
          {t(keyChange.connected ? 'key.connected' : 'key.disconnected', { model: keyChange.model })}
        </p>
      ) : null}
      {drift !== undefined && Math.abs(drift) > DRIFT_LIMIT_SECONDS ? (
        <p className="banner banner-warning" role="alert" data-banner="clock-drift">
          {t(drift > 0 ? 'clock.ahead' : 'clock.behind', { seconds: Math.abs(drift) })} {t('clock.fix')}
        </p>
      ) : null}
      <main className="app-main">{info?.policyError ? (
          <Screen id="E-90" title={t('policyError.title')}>
            <p>{t('policyError.body', { file: info.policyError.file, fields: info.policyError.fields.join(', ') || info.policyError.code })}</p>
            <p className="notice-code">
              {t('support.codeLabel')} <code>{info.policyError.code}</code>
            </p>
          </Screen>
        ) : info ? <Screens route={route} build={info.build} updates={info.updates} overrides={info.developmentOverrides} supportPhone={info.policy?.supportPhone} rememberedUsername={info.rememberedUsername} view={view} overlay={overlay} setOverlay={setOverlay} onTransaction={onTransaction} /> : <p>{t('app.loading')}</p>}</main>
        {info?.keyPath === 'native-hid' ? (
          <Suspense fallback={null}>
            <PinDialog />
          </Suspense>
        ) : null}
      </KeyPathContext.Provider>
    </I18nContext.Provider>
  );
}
