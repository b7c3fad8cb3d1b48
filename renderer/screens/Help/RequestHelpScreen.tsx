import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DiagnosticsView, HelpDraft, HelpReason, HelpReceiptView } from '../../../preload/contract.ts';
import { HELP_REASONS } from '../../../preload/enums.ts';
import { call } from '../../api.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useI18n, type MessageKey } from '../../i18n/messages.ts';
import { useAction } from '../../use-action.ts';
import { describeBuild, describeOs } from '../../build-text.ts';

export const REQUEST_HELP_SCREEN_ID = 'E-31';

/**
 * Seed "Request Help": e-mail, "Cannot log in", a message, Send Message. What is typed is saved in main as
 * it is typed (a closed app loses nothing); diagnostics are shown before they are sent, and only if asked.
 */
export function RequestHelpScreen({ onSent, onBack, fromScreen }: { onSent: (receipt: HelpReceiptView) => void; onBack: () => void; fromScreen: string }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<HelpDraft>();
  const [diagnostics, setDiagnostics] = useState<DiagnosticsView>();
  const { busy, error, run } = useAction();
  const loaded = useRef(false);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    void call('support.loadDraft', {}).then((response) => {
      loaded.current = true;
      const saved = response.ok ? response.value : null;
      setDraft(saved ?? { email: '', reason: 'cannot-log-in', message: t('request.exampleMessage'), includeDiagnostics: false });
    });
    // The example message is filled once, in the language of the moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!draft || !loaded.current) return;
    const timer = setTimeout(() => void call('support.saveDraft', draft), 300);
    return () => clearTimeout(timer);
  }, [draft]);

  useEffect(() => {
    if (draft?.includeDiagnostics) void call('support.diagnostics', { screenId: fromScreen }).then((response) => response.ok && setDiagnostics(response.value));
  }, [draft?.includeDiagnostics, fromScreen]);

  if (!draft) return null;
  const update = (patch: Partial<HelpDraft>) => setDraft({ ...draft, ...patch });

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    if (draft.email.trim() === '' || draft.message.trim() === '') {
      setMissing(true);
      return;
    }
    const receipt = await run('support.requestHelp', { ...draft, screenId: fromScreen });
    if (receipt) onSent(receipt);
  }

  return (
    <Screen id={REQUEST_HELP_SCREEN_ID} title={t('request.title')} help={false}>
      <form onSubmit={send} noValidate>
        <label htmlFor="help-email">{t('request.email')}</label>
        <input id="help-email" type="email" autoComplete="email" autoFocus value={draft.email} onChange={(e) => update({ email: e.target.value })} aria-invalid={missing && draft.email.trim() === '' ? true : undefined} />
        <label htmlFor="help-reason">{t('request.reason')}</label>
        <select id="help-reason" value={draft.reason} onChange={(e) => update({ reason: e.target.value as HelpReason })}>
          {HELP_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t(`request.reason.${reason}` as MessageKey)}
            </option>
          ))}
        </select>
        <label htmlFor="help-message">{t('request.message')}</label>
        <textarea id="help-message" maxLength={2000} value={draft.message} onChange={(e) => update({ message: e.target.value })} aria-describedby="help-count" />
        <p id="help-count" className="hint">
          {t('request.count', { count: draft.message.length, max: 2000 })}
        </p>
        <label className="check">
          <input type="checkbox" checked={draft.includeDiagnostics} onChange={(e) => update({ includeDiagnostics: e.target.checked })} />
          {t('request.includeDiagnostics')}
        </label>
        {draft.includeDiagnostics && diagnostics ? (
          <dl className="diagnostics" aria-label={t('request.diagnosticsPreview')}>
            <dt>{t('diag.appVersion')}</dt>
            <dd>{describeBuild(t, diagnostics.appVersion)}</dd>
            <dt>{t('diag.os')}</dt>
            <dd>{describeOs(t, diagnostics.os)}</dd>
            <dt>{t('diag.org')}</dt>
            <dd>{`${diagnostics.orgHost} — ${diagnostics.orgReachable ? t('diag.reachable') : t('diag.unreachable')}`}</dd>
            <dt>{t('diag.clock')}</dt>
            <dd>{diagnostics.clockDriftSeconds === undefined ? t('diag.unknown') : t('diag.seconds', { seconds: diagnostics.clockDriftSeconds })}</dd>
            <dt>{t('diag.lastError')}</dt>
            <dd>{diagnostics.lastErrorCode ? <code>{diagnostics.lastErrorCode}</code> : t('diag.none')}</dd>
            <dt>{t('diag.screen')}</dt>
            <dd>
              <code>{diagnostics.screenId}</code>
            </dd>
            <dt>{t('diag.keyPath')}</dt>
            <dd data-key-path={diagnostics.securityKeyPath}>{`${t(`diag.keyPath.${diagnostics.securityKeyPath}`)} — ${t(`diag.keyReason.${diagnostics.securityKeyPathReason}`)}`}</dd>
          </dl>
        ) : null}
        {missing && (draft.email.trim() === '' || draft.message.trim() === '') ? (
          <p className="field-error" role="alert">
            {t('request.missing')}
          </p>
        ) : null}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('request.send')}
          </button>
          <button type="button" className="link" onClick={onBack}>
            {t('common.back')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
