import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRulesMet, policyRules, ruleMet, usernameParts } from '../../../renderer/password-policy.ts';
import type { PasswordPolicyView } from '../../../preload/contract.ts';

/** The seed's policy: 8+ characters, a lowercase, an uppercase, a digit, no part of the username. */
const SEED_POLICY: PasswordPolicyView = { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true, excludeAttributes: [] };
const ana = { login: 'ana.martin@garage-dupuis.ca', firstName: 'Ana', lastName: 'Martin' };

describe('password policy checklist', () => {
  it('lists exactly the rules the org sends', () => {
    expect(policyRules(SEED_POLICY).map((rule) => rule.id)).toEqual(['minLength', 'minLowerCase', 'minUpperCase', 'minNumber', 'excludeUsername']);
    expect(policyRules({ ...SEED_POLICY, minSymbol: 1, excludeAttributes: ['firstName', 'lastName'] }).map((rule) => rule.id)).toContain('excludeLastName');
  });

  it.each([
    ['Garage-Shop-2026', true],
    ['garage-shop-2026', false], // no uppercase
    ['GARAGE-SHOP-2026', false], // no lowercase
    ['Garage-Shop', false], // no digit
    ['Gar4ge', false], // too short
    ['Martin-Garage-1', false], // part of the username
    ['Dupuis2026aA', true], // the e-mail domain is not part of the username
    ['Ana-Shop-2026x', false], // "ana" is three characters: a username part
    ['An-Shop-2026x', true],
  ])('%s satisfies the seed policy: %s', (password, expected) => {
    expect(allRulesMet(SEED_POLICY, password, ana)).toBe(expected);
  });

  it('splits the username the way Okta compares its parts', () => {
    expect(usernameParts('ana.martin@garage-dupuis.ca')).toEqual(['ana.martin', 'ana', 'martin']);
    expect(usernameParts('jb@garage.test')).toEqual([]);
  });

  it('counts characters, not UTF-16 units, for the minimum length', () => {
    expect(ruleMet({ id: 'minLength', count: 8 }, 'Éé1😀😀😀😀x', ana)).toBe(true);
    expect(ruleMet({ id: 'minLength', count: 8 }, 'Éé1😀😀😀😀', ana)).toBe(false);
    expect(ruleMet({ id: 'minUpperCase', count: 1 }, 'élève1É', ana)).toBe(true);
  });

  it('never throws, whatever is typed', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (password, login) => typeof allRulesMet(SEED_POLICY, password, { login }) === 'boolean'));
  });
});
