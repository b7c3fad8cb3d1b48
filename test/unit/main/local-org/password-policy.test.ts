import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../../../main/local-org/security/password-policy.ts';

describe('password policy', () => {
  it.each([
    ['Atelier-2024', []],
    ['Short1a', ['at least 8 characters']],
    ['NOLOWER123', ['a lowercase letter']],
    ['noupper123', ['an uppercase letter']],
    ['NoDigitsHere', ['a number']],
    ['Marie.tremblay1', ['no parts of your username']],
    ['Éléphant99', []],
  ])('judges %j as missing %j for marie.tremblay@garage.example', (password, problems) => {
    expect(passwordProblems(password, 'marie.tremblay@garage.example')).toEqual(problems);
  });

  it('accepts any password that has each required class and no username part (property)', () => {
    const safe = fc.string({ unit: fc.constantFrom(...'bcdfghjkpqvwxz'.split('')), minLength: 6, maxLength: 20 });
    fc.assert(
      fc.property(safe, (core) => {
        expect(passwordProblems(`${core}Q7`, 'marie.tremblay@garage.example')).toEqual([]);
      }),
    );
  });
});
