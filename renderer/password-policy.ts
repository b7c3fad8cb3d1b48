/**
 * Live checklist of the org's password policy, computed from `_embedded.policy.complexity` (never
 * hard-coded): the rules the org sends are the rules shown. The org stays the judge (E0000080).
 */
import type { PasswordPolicyView } from '../preload/contract.ts';

export type PolicyRule =
  | { id: 'minLength'; count: number }
  | { id: 'minLowerCase'; count: number }
  | { id: 'minUpperCase'; count: number }
  | { id: 'minNumber'; count: number }
  | { id: 'minSymbol'; count: number }
  | { id: 'excludeUsername' }
  | { id: 'excludeFirstName' }
  | { id: 'excludeLastName' };

export interface PolicyContext {
  readonly login: string;
  readonly firstName?: string | undefined;
  readonly lastName?: string | undefined;
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

/**
 * "No part of the username": the local part of the login (before @), whole and split on its delimiters
 * (. , - _ # +); pieces of three characters or more may not appear in the password, in any case. The
 * e-mail domain is not a username part: everyone at a garage shares it.
 */
export function usernameParts(login: string): string[] {
  const local = login.toLowerCase().split('@')[0] ?? '';
  return [...new Set([local, ...local.split(/[.,\-_#+]/)])].filter((part) => part.length >= 3);
}

function contains(password: string, value: string | undefined): boolean {
  return Boolean(value && value.length >= 3 && password.toLowerCase().includes(value.toLowerCase()));
}

export function policyRules(policy: PasswordPolicyView): PolicyRule[] {
  const rules: PolicyRule[] = [];
  if (policy.minLength > 0) rules.push({ id: 'minLength', count: policy.minLength });
  if (policy.minLowerCase > 0) rules.push({ id: 'minLowerCase', count: policy.minLowerCase });
  if (policy.minUpperCase > 0) rules.push({ id: 'minUpperCase', count: policy.minUpperCase });
  if (policy.minNumber > 0) rules.push({ id: 'minNumber', count: policy.minNumber });
  if (policy.minSymbol > 0) rules.push({ id: 'minSymbol', count: policy.minSymbol });
  if (policy.excludeUsername) rules.push({ id: 'excludeUsername' });
  if (policy.excludeAttributes.includes('firstName')) rules.push({ id: 'excludeFirstName' });
  if (policy.excludeAttributes.includes('lastName')) rules.push({ id: 'excludeLastName' });
  return rules;
}

export function ruleMet(rule: PolicyRule, password: string, context: PolicyContext): boolean {
  switch (rule.id) {
    case 'minLength':
      return [...password].length >= rule.count;
    case 'minLowerCase':
      return count(password, /\p{Ll}/gu) >= rule.count;
    case 'minUpperCase':
      return count(password, /\p{Lu}/gu) >= rule.count;
    case 'minNumber':
      return count(password, /\p{Nd}/gu) >= rule.count;
    case 'minSymbol':
      return count(password, /[^\p{L}\p{Nd}\s]/gu) >= rule.count;
    case 'excludeUsername':
      return password.length > 0 && !usernameParts(context.login).some((part) => password.toLowerCase().includes(part));
    case 'excludeFirstName':
      return password.length > 0 && !contains(password, context.firstName);
    case 'excludeLastName':
      return password.length > 0 && !contains(password, context.lastName);
  }
}

export function allRulesMet(policy: PasswordPolicyView, password: string, context: PolicyContext): boolean {
  return policyRules(policy).every((rule) => ruleMet(rule, password, context));
}
