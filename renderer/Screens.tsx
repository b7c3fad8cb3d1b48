import type { TransactionView } from '../preload/contract.ts';
import { call } from './api.ts';
import { Screen } from './components/Screen.tsx';
import { useI18n } from './i18n/messages.ts';
import type { Overlay, Route } from './route.ts';
import { ActivateLinkScreen } from './screens/Activate/ActivateLinkScreen.tsx';
import { ChallengeScreen } from './screens/Challenge/ChallengeScreen.tsx';
import { CreateAccountScreen } from './screens/CreateAccount/CreateAccountScreen.tsx';
import { EnrollChooseScreen } from './screens/Enroll/EnrollChooseScreen.tsx';
import { EnrollPushScreen } from './screens/EnrollPush/EnrollPushScreen.tsx';
import { EnrollTotpScreen } from './screens/EnrollTotp/EnrollTotpScreen.tsx';
import { PasscodeVerifiedScreen } from './screens/EnrollTotp/PasscodeVerifiedScreen.tsx';
import { HelpScreen } from './screens/Help/HelpScreen.tsx';
import { HelpSentScreen } from './screens/Help/HelpSentScreen.tsx';
import { RequestHelpScreen } from './screens/Help/RequestHelpScreen.tsx';
import { LockedOutScreen } from './screens/LockedOut/LockedOutScreen.tsx';
import { SignInScreen } from './screens/SignIn/SignInScreen.tsx';
import { SuccessScreen } from './screens/Success/SuccessScreen.tsx';

interface Props {
  route: Route;
  view: TransactionView;
  overlay: Overlay;
  setOverlay: (overlay: Overlay) => void;
  onTransaction: (view: TransactionView) => void;
}

/** Route → screen. Every screen gets only the callbacks it needs. */
export function Screens({ route, view, overlay, setOverlay, onTransaction }: Props) {
  const { t } = useI18n();
  const none = () => setOverlay({ kind: 'none' });
  const help = () => setOverlay({ kind: 'help' });
  const cancel = async () => {
    const response = await call('auth.cancel', {});
    setOverlay({ kind: 'none' });
    if (response.ok) onTransaction(response.value);
  };
  switch (route) {
    case 'signIn':
      return <SignInScreen onTransaction={onTransaction} onHelp={help} onActivate={() => setOverlay({ kind: 'activate' })} />;
    case 'activate':
      return <ActivateLinkScreen onTransaction={onTransaction} onSignIn={none} onHelp={help} />;
    case 'createAccount':
      return <CreateAccountScreen view={view} onTransaction={onTransaction} onCancel={() => void cancel()} />;
    case 'lockedOut':
      return <LockedOutScreen onHelp={help} onSignIn={() => void cancel()} />;
    case 'enrollChoose':
      return <EnrollChooseScreen view={view} onTransaction={onTransaction} onCancel={() => void cancel()} />;
    case 'enrollTotp':
      return <EnrollTotpScreen view={view} onActivated={onTransaction} onBack={() => void call('auth.previous', {}).then((r) => r.ok && onTransaction(r.value))} />;
    case 'enrollPush':
      return <EnrollPushScreen view={view} onTransaction={onTransaction} />;
    case 'verified':
      return <PasscodeVerifiedScreen onDone={none} />;
    case 'challenge':
      return <ChallengeScreen view={view} onTransaction={onTransaction} onCancel={() => void cancel()} onHelp={help} />;
    case 'success':
      return <SuccessScreen view={view} onSignOut={() => void cancel()} />;
    case 'help':
      return <HelpScreen onRequestHelp={() => setOverlay({ kind: 'requestHelp' })} onActivate={() => setOverlay({ kind: 'activate' })} onBack={none} />;
    case 'requestHelp':
      return <RequestHelpScreen fromScreen={document.querySelector('[data-screen-id]')?.getAttribute('data-screen-id') ?? 'E-30'} onSent={(receipt) => setOverlay({ kind: 'helpSent', receipt })} onBack={help} />;
    case 'helpSent':
      return overlay.kind === 'helpSent' ? <HelpSentScreen receipt={overlay.receipt} onDone={none} /> : null;
    case 'enrollOther':
    case 'unsupported':
      return (
        <Screen id="E-99" title={t('unsupported.title')}>
          <p>{t('unsupported.body')}</p>
          <button type="button" className="primary" onClick={() => void cancel()}>
            {t('common.backToSignIn')}
          </button>
        </Screen>
      );
  }
}
