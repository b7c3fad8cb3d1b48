import { useEffect, useMemo, useState } from 'react';
import type { AppInfoView, Language, TransactionView } from '../preload/contract.ts';
import { call } from './api.ts';
import { I18nContext, translator } from './i18n/messages.ts';
import { routeFor } from './route.ts';
import { SignInScreen } from './screens/SignIn/SignInScreen.tsx';
import { SuccessScreen } from './screens/Success/SuccessScreen.tsx';

const NONE: TransactionView = { status: 'NONE', canGoBack: false, canSkip: false };

export function App() {
  const [info, setInfo] = useState<AppInfoView>();
  const [view, setView] = useState<TransactionView>(NONE);
  const language: Language = info?.language ?? 'fr';
  const i18n = useMemo(() => ({ language, t: translator(language) }), [language]);
  const { t } = i18n;

  useEffect(() => {
    void call('app.info', {}).then((response) => response.ok && setInfo(response.value));
    void call('auth.state', {}).then((response) => response.ok && setView(response.value));
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  async function switchLanguage(next: Language) {
    const response = await call('settings.setLanguage', { language: next });
    if (response.ok) setInfo(response.value);
  }

  async function signOut() {
    const response = await call('auth.cancel', {});
    setView(response.ok ? response.value : NONE);
  }

  const route = routeFor(view.status);
  return (
    <I18nContext.Provider value={i18n}>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="subtitle">{t('app.subtitle')}</p>
        </div>
        <div className="language-switch" role="group" aria-label={t('app.language')}>
          {(['fr', 'en'] as const).map((code) => (
            <button key={code} type="button" lang={code} aria-pressed={language === code} onClick={() => void switchLanguage(code)}>
              {code === 'fr' ? 'Français' : 'English'}
            </button>
          ))}
        </div>
      </header>
      {info?.trainingOrg ? (
        <p className="banner banner-training" role="note">
          {t('app.trainingBanner')}
        </p>
      ) : null}
      <main className="app-main">
        {!info ? <p>{t('app.loading')}</p> : route === 'success' ? <SuccessScreen view={view} onSignOut={() => void signOut()} /> : <SignInScreen onTransaction={setView} />}
      </main>
    </I18nContext.Provider>
  );
}
