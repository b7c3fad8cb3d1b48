import { useEffect, useState, type FormEvent } from 'react';
import type { ActivationOptionsView, TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PasswordField } from '../../components/PasswordField.tsx';
import { PolicyChecklist } from '../../components/PolicyChecklist.tsx';
import { Screen } from '../../components/Screen.tsx';
import { SecurityImagePicker } from '../../components/SecurityImagePicker.tsx';
import { errorMessage } from '../../i18n/error-messages.ts';
import { useI18n, type MessageKey } from '../../i18n/messages.ts';
import { questionText } from '../../question-text.ts';
import { allRulesMet } from '../../password-policy.ts';
import { useAction } from '../../use-action.ts';

export const CREATE_ACCOUNT_SCREEN_ID = 'E-03';

export const SET_PASSWORD_SCREEN_ID = 'E-04';

type Missing = 'password' | 'confirm' | 'question' | 'answer' | 'image';

/**
 * Seed step 2: create a password (the org's rules, ticked live), answer a security question, choose a
 * security image, "Create My Account". For a password reset (not an activation) only the password is asked.
 * The button stays active: on click, what is still missing is listed above it and said under each field
 * (issue #16 item 12), and the org's refusal of the password shows under the password.
 */
export function CreateAccountScreen({ view, onTransaction, onCancel }: { view: TransactionView; onTransaction: (view: TransactionView) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const activation = view.recoveryType === 'ACCOUNT_ACTIVATION';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [image, setImage] = useState('');
  const [options, setOptions] = useState<ActivationOptionsView>();
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const loader = useAction();

  useEffect(() => {
    if (activation) void loader.run('auth.activationOptions', {}).then((loaded) => loaded && setOptions(loaded));
    // Loaded once per screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activation]);

  // An org without security images (the list comes back empty) has nothing to choose: the step says so.
  const imagesOffered = options === undefined || options.images.length > 0;
  const context = { login: view.user?.login ?? '', firstName: view.user?.firstName, lastName: view.user?.lastName };
  const policyOk = view.policy ? allRulesMet(view.policy, password, context) : password.length > 0;
  const missing: Missing[] = [
    ...(policyOk ? [] : (['password'] as const)),
    ...(password !== '' && password === confirm ? [] : (['confirm'] as const)),
    ...(!activation || question !== '' ? [] : (['question'] as const)),
    ...(!activation || answer.trim().length >= 4 ? [] : (['answer'] as const)),
    ...(!activation || !imagesOffered || image !== '' ? [] : (['image'] as const)),
  ];
  const show = (what: Missing) => tried && missing.includes(what);
  const policyError = error?.code === 'E_AUTH_PASSWORD_POLICY' ? error : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (missing.length > 0) {
      document.getElementById('missing-summary')?.focus();
      return;
    }
    const next = activation
      ? await run('auth.createAccount', { newPassword: password, question, answer, ...(imagesOffered ? { securityImage: image } : {}) })
      : await run('auth.setPassword', { newPassword: password });
    if (next) onTransaction(next);
  }

  const passwordFields = (
    <>
      <PasswordField
        id="new-password"
        label={t('createAccount.password')}
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        autoFocus
        describedBy="policy"
        error={policyError ? errorMessage(t, policyError) : show('password') ? t('createAccount.need.password') : undefined}
      />
      <div id="policy">{view.policy ? <PolicyChecklist policy={view.policy} password={password} context={context} /> : null}</div>
      <div className="field">
        <label htmlFor="confirm-password">{t('createAccount.confirm')}</label>
        <input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={show('confirm') || (confirm !== '' && confirm !== password) ? true : undefined}
          aria-describedby={confirm !== '' && confirm !== password ? 'confirm-error' : show('confirm') ? 'confirm-error' : undefined}
        />
        {confirm !== '' && confirm !== password ? (
          <p className="field-error" id="confirm-error">
            {t('createAccount.mismatch')}
          </p>
        ) : show('confirm') ? (
          <p className="field-error" id="confirm-error">
            {t('createAccount.need.confirm')}
          </p>
        ) : null}
      </div>
    </>
  );

  return (
    <Screen id={activation ? CREATE_ACCOUNT_SCREEN_ID : SET_PASSWORD_SCREEN_ID} title={activation ? t('createAccount.title') : t('setPassword.title')} wide={activation}>
      <form onSubmit={submit} noValidate>
        {activation ? (
          <>
            {/* Password and question side by side, the pictures below in two rows: "Create my account" stays within a screen's height. */}
            <div className="account-sections">
              <section className="account-section" aria-labelledby="section-password">
                <h3 id="section-password">{t('createAccount.passwordHeading')}</h3>
                {passwordFields}
              </section>
              <section className="account-section" aria-labelledby="section-question">
                <h3 id="section-question">{t('createAccount.questionHeading')}</h3>
                <div className="field">
                  <label htmlFor="question">{t('createAccount.question')}</label>
                  <select id="question" value={question} onChange={(e) => setQuestion(e.target.value)} aria-invalid={show('question') ? true : undefined} aria-describedby={show('question') ? 'question-error' : undefined}>
                    <option value="">{t('createAccount.chooseQuestion')}</option>
                    {options?.questions.map((q) => (
                      <option key={q.id} value={q.id}>
                        {questionText(t, q.id, q.text)}
                      </option>
                    ))}
                  </select>
                  {show('question') ? (
                    <p className="field-error" id="question-error">
                      {t('createAccount.need.question')}
                    </p>
                  ) : null}
                </div>
                <div className="field">
                  <label htmlFor="answer">{t('createAccount.answer')}</label>
                  <input id="answer" value={answer} onChange={(e) => setAnswer(e.target.value)} autoComplete="off" aria-describedby={show('answer') ? 'answer-error answer-hint' : 'answer-hint'} aria-invalid={show('answer') ? true : undefined} />
                  {show('answer') ? (
                    <p className="field-error" id="answer-error">
                      {t('createAccount.need.answer')}
                    </p>
                  ) : null}
                  <p id="answer-hint" className="hint">
                    {t('createAccount.answerHint')}
                  </p>
                </div>
              </section>
            </div>
            {imagesOffered ? (
              <>
                {options ? (
                  <SecurityImagePicker images={options.images} value={image} onChange={setImage} legend={t('createAccount.imageHeading')} errorId={show('image') ? 'image-error' : undefined} />
                ) : (
                  <ErrorNotice error={loader.error} />
                )}
                {show('image') ? (
                  <p className="field-error" id="image-error">
                    {t('createAccount.need.image')}
                  </p>
                ) : null}
              </>
            ) : (
              <>
                <h3>{t('createAccount.noImageHeading')}</h3>
                <p className="hint" id="no-security-image">
                  {t('createAccount.noImage')}
                </p>
              </>
            )}
          </>
        ) : (
          passwordFields
        )}
        {tried && missing.length > 0 ? (
          <div className="notice notice-error" id="missing-summary" tabIndex={-1} role="alert" data-missing={missing.join(' ')}>
            <p>{t('createAccount.missingTitle')}</p>
            <ul>
              {missing.map((what) => (
                <li key={what}>{t(`createAccount.missing.${what}` as MessageKey)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {policyError ? null : <ErrorNotice error={error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {activation ? t('createAccount.submit') : t('setPassword.submit')}
          </button>
          {/* It ends the whole transaction (Okta's cancel), so it names what is lost, as E-10's way out does. */}
          <button type="button" className="link" onClick={onCancel}>
            {activation ? t('createAccount.cancel') : t('setPassword.cancel')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
