import { useEffect, useState, type FormEvent } from 'react';
import type { ActivationOptionsView, TransactionView } from '../../../preload/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PolicyChecklist } from '../../components/PolicyChecklist.tsx';
import { Screen } from '../../components/Screen.tsx';
import { SecurityImagePicker } from '../../components/SecurityImagePicker.tsx';
import { useI18n } from '../../i18n/messages.ts';
import { questionText } from '../../question-text.ts';
import { allRulesMet } from '../../password-policy.ts';
import { useAction } from '../../use-action.ts';

export const CREATE_ACCOUNT_SCREEN_ID = 'E-03';

export const SET_PASSWORD_SCREEN_ID = 'E-04';

/**
 * Seed step 2: create a password (the org's rules, ticked live), answer a security question, choose a
 * security image, "Create My Account". For a password reset (not an activation) only the password is asked.
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
  const { busy, error, run } = useAction();
  const loader = useAction();

  useEffect(() => {
    if (activation) void loader.run('auth.activationOptions', {}).then((loaded) => loaded && setOptions(loaded));
    // Loaded once per screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activation]);

  const context = { login: view.user?.login ?? '', firstName: view.user?.firstName, lastName: view.user?.lastName };
  const policyOk = view.policy ? allRulesMet(view.policy, password, context) : password.length > 0;
  const matches = password !== '' && password === confirm;
  const complete = policyOk && matches && (!activation || (question !== '' && answer.trim().length >= 4 && image !== ''));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next = activation
      ? await run('auth.createAccount', { newPassword: password, question, answer, securityImage: image })
      : await run('auth.setPassword', { newPassword: password });
    if (next) onTransaction(next);
  }

  return (
    <Screen id={activation ? CREATE_ACCOUNT_SCREEN_ID : SET_PASSWORD_SCREEN_ID} title={activation ? t('createAccount.title') : t('setPassword.title')}>
      {view.user ? <p className="user-chip">{view.user.login}</p> : null}
      <form onSubmit={submit} noValidate>
        <h3>{t('createAccount.passwordHeading')}</h3>
        <label htmlFor="new-password">{t('createAccount.password')}</label>
        <input id="new-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby="policy" />
        <div id="policy">{view.policy ? <PolicyChecklist policy={view.policy} password={password} context={context} /> : null}</div>
        <label htmlFor="confirm-password">{t('createAccount.confirm')}</label>
        <input id="confirm-password" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        {confirm !== '' && !matches ? <p className="hint hint-warning">{t('createAccount.mismatch')}</p> : null}
        {activation ? (
          <>
            <h3>{t('createAccount.questionHeading')}</h3>
            <label htmlFor="question">{t('createAccount.question')}</label>
            <select id="question" value={question} onChange={(e) => setQuestion(e.target.value)}>
              <option value="">{t('createAccount.chooseQuestion')}</option>
              {options?.questions.map((q) => (
                <option key={q.id} value={q.id}>
                  {questionText(t, q.id, q.text)}
                </option>
              ))}
            </select>
            <label htmlFor="answer">{t('createAccount.answer')}</label>
            <input id="answer" value={answer} onChange={(e) => setAnswer(e.target.value)} autoComplete="off" aria-describedby="answer-hint" />
            <p id="answer-hint" className="hint">
              {t('createAccount.answerHint')}
            </p>
            <h3>{t('createAccount.imageHeading')}</h3>
            {options ? <SecurityImagePicker images={options.images} value={image} onChange={setImage} /> : <ErrorNotice error={loader.error} />}
          </>
        ) : null}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !complete}>
            {activation ? t('createAccount.submit') : t('setPassword.submit')}
          </button>
          <button type="button" className="link" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
