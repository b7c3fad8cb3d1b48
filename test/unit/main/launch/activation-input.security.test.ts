import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseActivationInput } from '../../../../main/launch/activation-input.ts';
import { linkFromArgv } from '../../../../main/launch/deep-link-argv.ts';

const ORG = 'fcawitech.okta.com';
const TOKEN = 'o7AFoTGE9xjQiHQK6dAa';

describe('activation links', () => {
  it.each([
    ['the app link', `witech-login://activate?token=${TOKEN}`],
    ['the e-mail link of the configured org', `https://${ORG}/welcome/${TOKEN}`],
    ['the Identity Engine e-mail link of the configured org', `https://${ORG}/tokens/${TOKEN}/verify`],
    ['a bare token with spaces around it', `  ${TOKEN} `],
  ])('reads the token from %s', (_case, input) => {
    expect(parseActivationInput(input, ORG)).toEqual({ ok: true, value: { token: TOKEN } });
  });

  it.each([
    ['another host’s welcome link (a token is only good at its org)', `https://evil.example/welcome/${TOKEN}`, 'E_LINK_INVALID'],
    ['a look-alike host', `https://${ORG}.evil.example/welcome/${TOKEN}`, 'E_LINK_INVALID'],
    ['another host’s Identity Engine link', `https://evil.example/tokens/${TOKEN}/verify`, 'E_LINK_INVALID'],
    ['an Identity Engine link with a query', `https://${ORG}/tokens/${TOKEN}/verify?fromURI=https://evil.example`, 'E_LINK_INVALID'],
    ['an Identity Engine link with a path after verify', `https://${ORG}/tokens/${TOKEN}/verify/extra`, 'E_LINK_INVALID'],
    ['an Identity Engine link without verify', `https://${ORG}/tokens/${TOKEN}`, 'E_LINK_INVALID'],
    ['an Identity Engine link whose token hides a path', `https://${ORG}/tokens/${TOKEN}%2F..%2Fx/verify`, 'E_LINK_INVALID'],
    ['plain http to a non-local org', `http://${ORG}/tokens/${TOKEN}/verify`, 'E_LINK_UNKNOWN_ACTION'],
    ['an unknown action', `witech-login://unlock?token=${TOKEN}`, 'E_LINK_UNKNOWN_ACTION'],
    ['an extra parameter', `witech-login://activate?token=${TOKEN}&next=https://evil.example`, 'E_LINK_INVALID'],
    ['a repeated token parameter', `witech-login://activate?token=${TOKEN}&token=other12345678`, 'E_LINK_INVALID'],
    ['credentials in the link', `https://user:pw@${ORG}/welcome/${TOKEN}`, 'E_LINK_INVALID'],
    ['an oversized token', `witech-login://activate?token=${'a'.repeat(201)}`, 'E_LINK_TOKEN_TOO_LONG'],
    ['an oversized paste', 'x'.repeat(5000), 'E_LINK_TOKEN_TOO_LONG'],
    ['script in the token', `witech-login://activate?token=<script>alert(1)</script>`, 'E_LINK_INVALID'],
    ['a javascript: URL', 'javascript:alert(1)', 'E_LINK_UNKNOWN_ACTION'],
    ['a file URL', 'file:///etc/passwd', 'E_LINK_UNKNOWN_ACTION'],
  ])('refuses %s', (_case, input, code) => {
    expect(parseActivationInput(input, ORG)).toMatchObject({ ok: false, error: { code } });
  });

  it('never throws and never accepts a token outside the allowed alphabet, whatever is pasted', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6000 }), (input) => {
        const result = parseActivationInput(input, ORG);
        if (result.ok) expect(result.value.token).toMatch(/^[A-Za-z0-9_-]{8,200}$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the app link among the command-line arguments of a second launch', () => {
    expect(linkFromArgv(['C:\\Program Files\\Garage Sign-In\\garage-signin.exe', '--flag', `witech-login://activate?token=${TOKEN}`])).toBe(`witech-login://activate?token=${TOKEN}`);
    expect(linkFromArgv(['garage-signin', '--selftest'])).toBeUndefined();
  });
});
