/**
 * The OS WebAuthn window's page (main/shell/os-webauthn-window.ts): served on the org origin so Windows'
 * own security-key dialog can run the ceremony for the org's RP ID. It asks main what to do, runs
 * @simplewebauthn/browser through the same code as the app's preview path (../webauthn.ts), and hands
 * the outcome back; main checks it. No React: a title, one line and a Cancel button.
 */
import type { Language } from '../../preload/contract.ts';
import { loadCatalog, translator } from '../i18n/catalog.ts';
import { cancelKeyCeremony, registerKey, signWithKey } from '../webauthn.ts';
import '../styles.css';

interface OsWebauthnBridge {
  request(): Promise<{ kind: 'create' | 'get'; optionsJson: string; language: Language }>;
  finish(answer: unknown): void;
}

const OS_KEY_SCREEN_ID = 'E-42';

const bridge = (window as unknown as { garageOsWebauthn?: OsWebauthnBridge }).garageOsWebauthn;

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} missing from os-webauthn.html`);
  return found;
}

async function run(api: OsWebauthnBridge): Promise<void> {
  const request = await api.request();
  const t = translator(await loadCatalog(request.language));
  document.documentElement.lang = request.language;
  document.title = t('osKey.title');
  element('os-key-title').textContent = t('osKey.title');
  element('os-key-follow').textContent = t(request.kind === 'create' ? 'osKey.followEnroll' : 'osKey.followSignIn');
  // Its own screen ID, as every app screen has: support asks which window the technician is looking at.
  element('os-key-screen').textContent = t('app.screenId', { id: OS_KEY_SCREEN_ID });
  const cancel = element('os-key-cancel');
  cancel.textContent = t('osKey.cancel');
  cancel.hidden = false;
  let finished = false;
  const finish = (answer: unknown) => {
    if (finished) return;
    finished = true;
    api.finish(answer);
  };
  cancel.addEventListener('click', () => {
    finish({ ok: false, error: { code: 'E_HID_CANCELLED' } });
    void cancelKeyCeremony();
  });
  finish(request.kind === 'create' ? await registerKey(request.optionsJson) : await signWithKey(request.optionsJson));
}

// Opened anywhere but the security-key window (no bridge), the page does nothing. Anything unexpected
// ends the ceremony with a code rather than leaving the technician in front of a spinner.
if (bridge) run(bridge).catch(() => bridge.finish({ ok: false, error: { code: 'E_AUTH_WEBAUTHN_FAILED' } }));
