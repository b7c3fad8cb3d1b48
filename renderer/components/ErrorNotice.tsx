import type { ErrorView } from '../../preload/contract.ts';
import { errorMessage } from '../i18n/error-messages.ts';
import { useI18n } from '../i18n/messages.ts';

/** An error as the technician reads it, with the stable code support asks for, labelled as such. */
export function ErrorNotice({ error }: { error: ErrorView | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert" data-error-code={error.code}>
      <p>{errorMessage(t, error)}</p>
      <p className="notice-code">
        {t('support.codeLabel')} <code>{`${error.code}${error.oktaCode ? ` · ${error.oktaCode}` : ''}`}</code>
      </p>
    </div>
  );
}
