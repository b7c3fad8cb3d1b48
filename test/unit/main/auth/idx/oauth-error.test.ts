/** An activation link refused at /v1/interact says why, as on Classic: used, expired, or not a link at all. */
import { describe, expect, it } from 'vitest';
import { oauthError } from '../../../../../main/auth/idx/idx-http.ts';

describe('the /v1/interact refusal of an activation token', () => {
  it.each([
    ['The activation token has already been used', 'E_AUTH_ACTIVATION_TOKEN_USED'],
    ['The activation token has expired', 'E_AUTH_ACTIVATION_TOKEN_EXPIRED'],
    ['The activation token is invalid', 'E_AUTH_ACTIVATION_TOKEN_INVALID'],
  ])('%s → %s', (description, code) => {
    expect(oauthError(400, { error: 'invalid_request', error_description: description }, 'interact')).toMatchObject({ code, oktaCode: 'invalid_request' });
  });

  it('does not read an unrelated refusal as an activation problem', () => {
    expect(oauthError(400, { error: 'invalid_request', error_description: 'The code has expired' }, 'interact').code).toBe('E_AUTH_IDX_NOT_CONFIGURED');
  });
});
