import { describe, expect, it } from 'vitest';
import { otpauthUri } from '../../../../main/totp/otpauth-uri.ts';
import { isUsableSecret, secondsLeft, timeStepOf, totpCode, verifyTotp } from '../../../../main/totp/totp-engine.ts';
import { RFC6238_SHA1_SECRET, RFC6238_SHA1_VECTORS } from '../../../support/fixtures/rfc6238.ts';

describe('TOTP engine', () => {
  it.each(RFC6238_SHA1_VECTORS)('computes the RFC 6238 code at %i s', (epoch, eight) => {
    expect(totpCode(RFC6238_SHA1_SECRET, epoch)).toBe(eight.slice(2));
  });

  it('accepts one step of drift either side and reports which step matched', () => {
    const code = totpCode(RFC6238_SHA1_SECRET, 1111111109);
    expect(verifyTotp(RFC6238_SHA1_SECRET, code, 1111111109 + 30)).toEqual({ valid: true, delta: -1, timeStep: timeStepOf(1111111109) });
    expect(verifyTotp(RFC6238_SHA1_SECRET, code, 1111111109 + 90)).toEqual({ valid: false });
    expect(verifyTotp(RFC6238_SHA1_SECRET, '12345', 59)).toEqual({ valid: false });
  });

  it('accepts Okta’s 80-bit seeds and refuses what is not base32', () => {
    expect(isUsableSecret('JBSWY3DPEHPK3PXP')).toBe(true);
    expect(isUsableSecret('not base32!')).toBe(false);
  });

  it('counts the seconds left in the current step', () => {
    expect(secondsLeft(60)).toBe(30);
    expect(secondsLeft(89)).toBe(1);
  });

  it('builds the otpauth URI an authenticator app scans', () => {
    expect(otpauthUri({ issuer: 'wiTECH', account: 'ana@garage.test', secret: 'jbsw y3dp ehpk 3pxp', digits: 6, period: 30 })).toBe(
      'otpauth://totp/wiTECH:ana%40garage.test?secret=JBSWY3DPEHPK3PXP&issuer=wiTECH&algorithm=SHA1&digits=6&period=30',
    );
  });
});
