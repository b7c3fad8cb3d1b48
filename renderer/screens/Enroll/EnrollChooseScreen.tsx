import type { FactorKind, TransactionView } from '../../../preload/contract.ts';
import { SeveralDevicesAdvice } from '../../components/Advice.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n, type MessageKey } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';

export const ENROLL_CHOOSE_SCREEN_ID = 'E-10';

/** The verification methods of the seed articles, in the order they present them. */
const OFFERED: readonly FactorKind[] = ['push-okta', 'totp-google', 'webauthn', 'yubikey-otp'];

/** Seed step 3: "set up the extra verification your account requires" — a Setup button per method. */
export function EnrollChooseScreen({ view, onTransaction, onCancel, onEnrollOtp }: { view: TransactionView; onTransaction: (view: TransactionView) => void; onCancel: () => void; onEnrollOtp: () => void }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const factors = (view.factors ?? []).filter((factor) => OFFERED.includes(factor.kind));
  const enrolledSome = view.canSkip;

  async function setup(kind: FactorKind) {
    // A YubiKey OTP is enrolled and verified in one call, so the code is asked first (okta-authn.md §4.4).
    if (kind === 'yubikey-otp') {
      onEnrollOtp();
      return;
    }
    const next = await run('auth.enroll', { kind });
    if (next) onTransaction(next);
  }

  async function finish() {
    const next = await run('auth.skip', {});
    if (next) onTransaction(next);
  }

  return (
    <Screen id={ENROLL_CHOOSE_SCREEN_ID} title={enrolledSome ? t('enroll.titleMore') : t('enroll.title')}>
      <p>{enrolledSome ? t('enroll.introMore') : t('enroll.intro')}</p>
      <ul className="factor-list">
        {factors
          .sort((a, b) => OFFERED.indexOf(a.kind) - OFFERED.indexOf(b.kind))
          .map((factor) => (
            <li key={factor.kind} className={factor.enrolled ? 'factor-row factor-done' : 'factor-row'} data-enrolled={factor.enrolled ? 'true' : undefined}>
              <div>
                <strong>{t(`factor.${factor.kind}` as MessageKey)}</strong>
                <p className="hint">{t(`factor.${factor.kind}.desc` as MessageKey)}</p>
              </div>
              {/* Already set up: said, not offered again, so a technician does not set it up twice (issue #16 item 9). */}
              {factor.enrolled ? (
                <p className="done-tag">
                  <span aria-hidden="true">✓ </span>
                  {t('enroll.done')}
                </p>
              ) : (
                <button type="button" onClick={() => void setup(factor.kind)} disabled={busy} aria-label={`${t('enroll.setup')} — ${t(`factor.${factor.kind}` as MessageKey)}`}>
                  {t('enroll.setup')}
                </button>
              )}
            </li>
          ))}
      </ul>
      <SeveralDevicesAdvice />
      <ErrorNotice error={error} />
      <div className="actions">
        {enrolledSome ? (
          <button type="button" className="primary" onClick={() => void finish()} disabled={busy}>
            {t('enroll.finish')}
          </button>
        ) : null}
        {/* Beside "Finish", a bare "Cancel" could mean the method just set up: this one leaves the sign-in. */}
        <button type="button" className="link" onClick={onCancel}>
          {t('enroll.cancelSignIn')}
        </button>
      </div>
    </Screen>
  );
}
