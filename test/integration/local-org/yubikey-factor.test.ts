import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';
import { yubicoOtp, type KeySeed } from '../../support/local-org/yubikey-otp-generator.ts';

let t: TestOrg;
const KEY: KeySeed = { publicId: 'vvccccdeflgh', privateId: '0123456789ab', aesKey: '00112233445566778899aabbccddeeff' };
const OTHER: KeySeed = { publicId: 'vvcccctrnluk', privateId: 'a1a2a3a4a5a6', aesKey: 'ffeeddccbbaa99887766554433221100' };
// Yubico/yubico-c test-vectors.txt: an 8-character public ID key.
const VECTOR = { seed: { publicId: 'dteffuje', privateId: '8792ebfe26cc', aesKey: 'ecde18dbe76fbd0c33330f1c354871db' }, otp: 'dteffujehknhfjbrjnlnldnhcujvddbikngjrtgh' };

beforeAll(async () => {
  t = await startTestOrg();
  for (const seed of [KEY, OTHER, VECTOR.seed]) {
    const added = await t.admin('POST', '/api/v1/org/factors/yubikey_token/tokens', { serialNumber: '1234', ...seed });
    expect(added.body).toMatchObject({ id: seed.publicId, status: 'UNASSIGNED' });
  }
});
afterAll(() => t.close());

async function enroll(login: string, passCode: string) {
  await t.activeUser(login);
  const start = await signIn(t, login);
  return t.post('/api/v1/authn/factors', { stateToken: start.body.stateToken, factorType: 'token:hardware', provider: 'YUBICO', passCode });
}

describe('YubiKey OTP factor', () => {
  it('enrolls with the Yubico test-vector OTP straight to SUCCESS and refuses its replay', async () => {
    const result = await enroll('vector@garage.test', VECTOR.otp);
    expect(result.body.status).toBe('SUCCESS');
    const start = await signIn(t, 'vector@garage.test');
    const factor = start.body._embedded.factors[0];
    expect(factor).toMatchObject({ factorType: 'token:hardware', provider: 'YUBICO', profile: { credentialId: 'dteffuje' } });
    const replay = await t.post(`/api/v1/authn/factors/${factor.id}/verify`, { stateToken: start.body.stateToken, passCode: VECTOR.otp });
    expect(replay.status).toBe(403);
    expect(replay.body.errorCode).toBe('E0000082');
  });

  it('verifies increasing OTPs and refuses older counters', async () => {
    expect((await enroll('key@garage.test', yubicoOtp(KEY, 5, 0))).body.status).toBe('SUCCESS');
    const verify = async (otp: string) => {
      const start = await signIn(t, 'key@garage.test');
      return t.post(`/api/v1/authn/factors/${start.body._embedded.factors[0].id}/verify`, { stateToken: start.body.stateToken, passCode: otp });
    };
    expect((await verify(yubicoOtp(KEY, 5, 1))).body.status).toBe('SUCCESS');
    expect((await verify(yubicoOtp(KEY, 6, 0))).body.status).toBe('SUCCESS');
    expect((await verify(yubicoOtp(KEY, 5, 9))).body.errorCode).toBe('E0000082');
    expect((await verify(yubicoOtp(KEY, 6, 0))).body.errorCode).toBe('E0000082');
  });

  it.each([
    ['an unregistered key', () => yubicoOtp({ ...KEY, publicId: 'vvcccccccccc' }, 1, 1), 'E0000068'],
    ['the wrong AES key', () => yubicoOtp({ ...OTHER, aesKey: KEY.aesKey }, 1, 1), 'E0000068'],
    ['the wrong private ID', () => yubicoOtp({ ...OTHER, privateId: '000000000000' }, 1, 1), 'E0000068'],
    ['garbage', () => 'not-an-otp', 'E0000068'],
    ['a key already assigned to someone else', () => yubicoOtp(KEY, 50, 0), 'E0000068'],
  ])('refuses enrollment with %s', async (_case, otp, code) => {
    const result = await enroll(`bad-${_case.length}@garage.test`, otp());
    expect(result.status).toBe(403);
    expect(result.body.errorCode).toBe(code);
  });

  it('refuses a valid OTP from another registered key at verification', async () => {
    expect((await enroll('other@garage.test', yubicoOtp(OTHER, 1, 0))).body.status).toBe('SUCCESS');
    const start = await signIn(t, 'key@garage.test');
    const result = await t.post(`/api/v1/authn/factors/${start.body._embedded.factors[0].id}/verify`, { stateToken: start.body.stateToken, passCode: yubicoOtp(OTHER, 2, 0) });
    expect(result.body.errorCode).toBe('E0000068');
  });

  it.each([
    ['a non-modhex public ID', { publicId: 'abc123', privateId: '0123456789ab', aesKey: '00112233445566778899aabbccddeeff' }],
    ['a short AES key', { publicId: 'vvccccccccdd', privateId: '0123456789ab', aesKey: '0011' }],
    ['a duplicate public ID', KEY],
  ])('refuses a seed with %s', async (_case, seed) => {
    expect((await t.admin('POST', '/api/v1/org/factors/yubikey_token/tokens', seed)).body.errorCode).toBe('E0000001');
  });
});
