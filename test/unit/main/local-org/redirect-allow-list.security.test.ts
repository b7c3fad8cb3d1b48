import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedRedirect } from '../../../../main/local-org/login/redirect-allow-list.ts';

const ALLOW = ['https://login.witech.example', 'http://localhost:4100/diagnostics'];

describe('redirect allow-list', () => {
  it.each([
    ['https://login.witech.example/'],
    ['https://login.witech.example/deep/path?q=1#frag'],
    ['http://localhost:4100/diagnostics'],
    ['http://localhost:4100/diagnostics/sub'],
    ['HTTPS://LOGIN.WITECH.EXAMPLE/'],
  ])('allows %s', (url) => {
    expect(isAllowedRedirect(url, ALLOW)).toBe(true);
  });

  it.each([
    ['http://localhost:4100/diagnosticsx'],
    ['http://localhost:4101/diagnostics'],
    ['http://127.0.0.1:4100/diagnostics'],
    ['https://login.witech.example:444/'],
    ['https://login.witech.example.evil.example/'],
    ['https://evil.example#https://login.witech.example'],
    ['https://evil.example/?https://login.witech.example'],
    ['https://user:pw@login.witech.example/'],
    ['javascript://login.witech.example/%0aalert(1)'],
    ['//login.witech.example/'],
    ['ftp://login.witech.example/'],
    ['http://localhost:4100/diagnostics/..%2f..%2fapi'],
    [''],
  ])('refuses the open redirect %s', (url) => {
    expect(isAllowedRedirect(url, ALLOW)).toBe(false);
  });

  it('never allows a URL whose origin is not on the list (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        const allowed = isAllowedRedirect(url, ALLOW);
        const origin = new URL(url).origin;
        if (allowed) expect(['https://login.witech.example', 'http://localhost:4100']).toContain(origin);
      }),
    );
  });

  it('never throws on arbitrary strings (property)', () => {
    fc.assert(fc.property(fc.string(), (text) => typeof isAllowedRedirect(text, ALLOW) === 'boolean'));
  });
});
