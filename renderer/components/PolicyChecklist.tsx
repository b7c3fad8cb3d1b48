import type { PasswordPolicyView } from '../../preload/contract.ts';
import { useI18n, type MessageKey } from '../i18n/messages.ts';
import { policyRules, ruleMet, type PolicyContext } from '../password-policy.ts';

/** The org's password rules, each ticked live as the technician types (announced politely). */
export function PolicyChecklist({ policy, password, context }: { policy: PasswordPolicyView; password: string; context: PolicyContext }) {
  const { t } = useI18n();
  return (
    <ul className="checklist" aria-live="polite" aria-label={t('policy.title')}>
      {policyRules(policy).map((rule) => {
        const met = ruleMet(rule, password, context);
        const params = 'count' in rule ? { count: rule.count } : undefined;
        return (
          <li key={rule.id} className={met ? 'met' : 'unmet'} data-rule={rule.id} data-met={met}>
            <span aria-hidden="true">{met ? '✓' : '○'}</span> {t(`policy.${rule.id}` as MessageKey, params)}
            <span className="visually-hidden">{met ? t('policy.met') : t('policy.unmet')}</span>
          </li>
        );
      })}
    </ul>
  );
}
