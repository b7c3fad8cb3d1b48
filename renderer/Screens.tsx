import { lazy, Suspense } from 'react';
import type { TransactionView } from '../preload/contract.ts';
import { call } from './api.ts';
import { Screen } from './components/Screen.tsx';
import { useI18n } from './i18n/messages.ts';
import type { Overlay, Route } from './route.ts';
import { ScreenFrameContext } from './screen-context.ts';
import { SIGN_IN_SCREEN_ID, SignInScreen } from './screens/SignIn/SignInScreen.tsx';

// Only the sign-in screen is in the start-up chunk: every other screen is its own chunk, loaded in the
// background once sign-in is drawn (prefetchScreens) or, at the latest, when first shown.
const screenModules = {
  challenge: () => import('./screens/Challenge/ChallengeScreen.tsx'),
  success: () => import('./screens/Success/SuccessScreen.tsx'),
  activate: () => import('./screens/Activate/ActivateLinkScreen.tsx'),
  createAccount: () => import('./screens/CreateAccount/CreateAccountScreen.tsx'),
  enrollChoose: () => import('./screens/Enroll/EnrollChooseScreen.tsx'),
  enrollPush: () => import('./screens/EnrollPush/EnrollPushScreen.tsx'),
  enrollTotp: () => import('./screens/EnrollTotp/EnrollTotpScreen.tsx'),
  verified: () => import('./screens/EnrollTotp/PasscodeVerifiedScreen.tsx'),
  help: () => import('./screens/Help/HelpScreen.tsx'),
  helpSent: () => import('./screens/Help/HelpSentScreen.tsx'),
  requestHelp: () => import('./screens/Help/RequestHelpScreen.tsx'),
  enrollKey: () => import('./screens/EnrollKey/EnrollKeyScreen.tsx'),
  enrollOtp: () => import('./screens/EnrollKey/EnrollOtpScreen.tsx'),
  lockedOut: () => import('./screens/LockedOut/LockedOutScreen.tsx'),
};

const ChallengeScreen = lazy(() => screenModules.challenge().then((m) => ({ default: m.ChallengeScreen })));
const SuccessScreen = lazy(() => screenModules.success().then((m) => ({ default: m.SuccessScreen })));
const ActivateLinkScreen = lazy(() => screenModules.activate().then((m) => ({ default: m.ActivateLinkScreen })));
const CreateAccountScreen = lazy(() => screenModules.createAccount().then((m) => ({ default: m.CreateAccountScreen })));
const EnrollChooseScreen = lazy(() => screenModules.enrollChoose().then((m) => ({ default: m.EnrollChooseScreen })));
const EnrollPushScreen = lazy(() => screenModules.enrollPush().then((m) => ({ default: m.EnrollPushScreen })));
const EnrollTotpScreen = lazy(() => screenModules.enrollTotp().then((m) => ({ default: m.EnrollTotpScreen })));
const PasscodeVerifiedScreen = lazy(() => screenModules.verified().then((m) => ({ default: m.PasscodeVerifiedScreen })));
const HelpScreen = lazy(() => screenModules.help().then((m) => ({ default: m.HelpScreen })));
const HelpSentScreen = lazy(() => screenModules.helpSent().then((m) => ({ default: m.HelpSentScreen })));
const RequestHelpScreen = lazy(() => screenModules.requestHelp().then((m) => ({ default: m.RequestHelpScreen })));
const EnrollKeyScreen = lazy(() => screenModules.enrollKey().then((m) => ({ default: m.EnrollKeyScreen })));
const EnrollOtpScreen = lazy(() => screenModules.enrollOtp().then((m) => ({ default: m.EnrollOtpScreen })));
const LockedOutScreen = lazy(() => screenModules.lockedOut().then((m) => ({ default: m.LockedOutScreen })));

let prefetched = false;

/**
 * Loads every other screen's chunk once the browser is idle (a chunk already loaded is not fetched again).
 * A failure is left to the screen's own load, when it is first shown.
 */
export function prefetchScreens(): void {
  if (prefetched) return;
  prefetched = true;
  const load = () => {
    for (const module of Object.values(screenModules)) void module().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 0);
}

export const UNSUPPORTED_SCREEN_ID = 'E-99';

interface Props {
  route: Route;
  supportPhone?: string | undefined;
  build?: string | undefined;
  updates?: string | undefined;
  overrides?: readonly string[] | undefined;
  rememberedUsername?: string | undefined;
  view: TransactionView;
  overlay: Overlay;
  setOverlay: (overlay: Overlay) => void;
  onTransaction: (view: TransactionView) => void;
}

/** Route → screen. Every screen gets only the callbacks it needs. */
export function Screens(props: Props) {
  const { view, overlay, setOverlay } = props;
  // The screen the technician was on when asking for help goes into the diagnostics ("stuck on E-16"). Read
  // when help is asked, never while rendering: main draws the first render without a document.
  const from = () => (overlay.kind === 'help' || overlay.kind === 'requestHelp' ? overlay.from : (document.querySelector('[data-screen-id]')?.getAttribute('data-screen-id') ?? 'E-01'));
  const frame = { account: view.user?.login, onHelp: () => setOverlay({ kind: 'help', from: from() }) };
  return (
    <ScreenFrameContext.Provider value={frame}>
      <Suspense fallback={null}>
        <ScreenFor {...props} help={frame.onHelp} />
      </Suspense>
    </ScreenFrameContext.Provider>
  );
}

function ScreenFor({ route, view, overlay, setOverlay, onTransaction, rememberedUsername, supportPhone, build, updates, overrides, help }: Props & { help: () => void }) {
  const { t } = useI18n();
  const none = () => setOverlay({ kind: 'none' });
  // The help screens are shown only from an overlay that carries the screen help was asked from.
  const from = overlay.kind === 'help' || overlay.kind === 'requestHelp' ? overlay.from : SIGN_IN_SCREEN_ID;
  const cancel = async () => {
    const response = await call('auth.cancel', {});
    setOverlay({ kind: 'none' });
    if (response.ok) onTransaction(response.value);
  };
  switch (route) {
    case 'signIn':
      return <SignInScreen onTransaction={onTransaction} onActivate={() => setOverlay({ kind: 'activate' })} rememberedUsername={rememberedUsername} />;
    case 'activate':
      return <ActivateLinkScreen initialError={overlay.kind === 'activate' ? overlay.error : undefined} onTransaction={onTransaction} onSignIn={none} onHelp={help} />;
    case 'createAccount':
      return <CreateAccountScreen view={view} onTransaction={onTransaction} onCancel={() => void cancel()} />;
    case 'lockedOut':
      return <LockedOutScreen onHelp={help} onSignIn={() => void cancel()} />;
    case 'enrollChoose':
      return <EnrollChooseScreen view={view} onTransaction={onTransaction} onCancel={() => void cancel()} onEnrollOtp={() => setOverlay({ kind: 'enrollOtp' })} />;
    case 'enrollOtp':
      return <EnrollOtpScreen onTransaction={(next) => { setOverlay({ kind: 'none' }); onTransaction(next); }} onBack={none} />;
    case 'enrollKey':
      return <EnrollKeyScreen view={view} onTransaction={onTransaction} />;
    case 'enrollTotp':
      return <EnrollTotpScreen view={view} onActivated={onTransaction} onBack={() => void call('auth.previous', {}).then((r) => r.ok && onTransaction(r.value))} />;
    case 'enrollPush':
      return <EnrollPushScreen view={view} onTransaction={onTransaction} />;
    case 'verified':
      return <PasscodeVerifiedScreen factor={overlay.kind === 'verified' ? overlay.factor : undefined} onDone={none} />;
    case 'challenge':
      return <ChallengeScreen view={view} onTransaction={onTransaction} onCancel={() => void cancel()} />;
    case 'success':
      return <SuccessScreen view={view} onSignOut={() => void cancel()} />;
    case 'help':
      return <HelpScreen supportPhone={supportPhone} build={build} updates={updates} overrides={overrides} onRequestHelp={() => setOverlay({ kind: 'requestHelp', from })} onActivate={() => setOverlay({ kind: 'activate' })} onBack={none} backToSignIn={view.status === 'NONE'} />;
    case 'requestHelp':
      return <RequestHelpScreen fromScreen={from} onSent={(receipt) => setOverlay({ kind: 'helpSent', receipt })} onBack={help} />;
    case 'helpSent':
      return overlay.kind === 'helpSent' ? <HelpSentScreen receipt={overlay.receipt} onDone={none} /> : null;
    case 'enrollOther':
    case 'unsupported':
      return (
        <Screen id={UNSUPPORTED_SCREEN_ID} title={t('unsupported.title')}>
          <p>{t('unsupported.body')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void cancel()}>
              {t('common.backToSignIn')}
            </button>
          </div>
        </Screen>
      );
  }
}
