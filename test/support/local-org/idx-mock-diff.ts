/**
 * Compares the identity org's IDX replies for security key, YubiKey OTP and Okta Verify, key path by key path, with
 * the Sign-In Widget's recorded replies (`playground/mocks/data/idp/idx/` of okta/okta-signin-widget).
 * Run by hand against a checkout of the widget (its files are not copied here):
 *   node test/support/local-org/idx-mock-diff.ts <widget>/playground/mocks/data/idp/idx
 * Arrays of named entries are keyed by name (`remediation.value[enroll-poll]`), other arrays by `[]`; only
 * paths are compared, never values. Prints, per recorded reply, the paths only Okta's has and only ours has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebAuthnEmulator, AuthenticatorEmulator } from 'nid-webauthn-emulator';
import { pkcePair, postForm } from './oauth-client.ts';
import { simulatedDevice } from './device-simulator.ts';
import { PASSWORD, signIn, startTestOrg, totpAt, type Json, type TestOrg } from './test-org.ts';
import { yubicoOtp, type KeySeed } from './yubikey-otp-generator.ts';

/** Every key path of a JSON value; arrays of objects with a `name` are keyed by it. */
export function keyPaths(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      for (const item of v) {
        const name = item && typeof item === 'object' && typeof (item as Json).name === 'string' ? (item as Json).name : '';
        walk(item, `${path}[${name}]`);
      }
      if (v.length === 0) out.add(`${path}[]`);
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        out.add(p);
        walk(child, p);
      }
    }
  };
  walk(value, prefix);
  return out;
}

/** Paths that differ between two replies, ignoring the parts neither side's flow is about (the app, the user's profile). */
export function diffKeyPaths(okta: unknown, ours: unknown): { onlyOkta: string[]; onlyOurs: string[] } {
  const a = keyPaths(okta);
  const b = keyPaths(ours);
  return { onlyOkta: [...a].filter((p) => !b.has(p)).sort(), onlyOurs: [...b].filter((p) => !a.has(p)).sort() };
}

const ION = 'application/ion+json; okta-version=1.0.0';

async function main(mocksDir: string): Promise<void> {
  const t: TestOrg = await startTestOrg({ engine: 'identity' });
  const idx = async (path: string, body: unknown) => (await t.post(`/idp/idx/${path}`, body, { 'Content-Type': 'application/json', Accept: ION })).body as Json;
  const begin = async (login: string): Promise<{ handle: string; reply: Json }> => {
    const { challenge } = pkcePair();
    const interact = await postForm(`${t.url}/oauth2/default/v1/interact`, { client_id: t.org.clients.native, scope: 'openid', redirect_uri: 'witech-login:/callback', code_challenge: challenge, code_challenge_method: 'S256', state: 's' });
    const handle = String((await idx('introspect', { interactionHandle: interact.body.interaction_handle })).stateHandle);
    return { handle, reply: await idx('identify', { identifier: login, credentials: { passcode: PASSWORD }, stateHandle: handle }) };
  };
  const idOf = (reply: Json, key: string) => String(reply.authenticators.value.find((a: Json) => a.key === key).id);
  const key = new WebAuthnEmulator(new AuthenticatorEmulator({ verifications: { userPresent: true, userVerified: true }, userMakeCredentialInteraction: (user) => ({ user, options: { uv: true, up: true } }), userGetAssertionInteraction: (user) => ({ user, options: { uv: true, up: true } }) }));
  const captured: Record<string, Json> = {};
  try {
    await t.activeUser('diff.key@garage.test');
    let s = await begin('diff.key@garage.test');
    const enroll = await idx('credential/enroll', { authenticator: { id: idOf(s.reply, 'webauthn') }, stateHandle: s.handle });
    captured['authenticator-enroll-webauthn.json'] = enroll;
    const a = enroll.currentAuthenticator.value.contextualData.activationData;
    const made = key.createJSON(t.url, { ...a, challenge: Buffer.from(a.challenge, 'base64url').toString('base64url'), user: { ...a.user, id: Buffer.from(a.user.id, 'base64url').toString('base64url') } });
    await idx('challenge/answer', { credentials: { clientData: made.response.clientDataJSON, attestation: made.response.attestationObject }, stateHandle: s.handle });
    await idx('skip', { stateHandle: s.handle });
    s = await begin('diff.key@garage.test');
    const challenge = await idx('challenge', { authenticator: { id: idOf(s.reply, 'webauthn') }, stateHandle: s.handle });
    captured['authenticator-verification-webauthn.json'] = challenge;
    captured['error-authenticator-webauthn-failure.json'] = await idx('challenge/answer', { credentials: { clientData: 'AAAA', authenticatorData: 'AAAA', signatureData: 'AAAA' }, stateHandle: s.handle });

    const yubikey: KeySeed = { publicId: 'vvccccdiffkb', privateId: '0123456789ab', aesKey: '00112233445566778899aabbccddeeff' };
    await t.admin('POST', '/api/v1/org/factors/yubikey_token/tokens', { serialNumber: '7001', ...yubikey });
    await t.activeUser('diff.yubikey@garage.test');
    s = await begin('diff.yubikey@garage.test');
    captured['authenticator-enroll-yubikey.json'] = await idx('credential/enroll', { authenticator: { id: idOf(s.reply, 'yubikey_token'), methodType: 'otp' }, stateHandle: s.handle });
    await idx('challenge/answer', { credentials: { passcode: yubicoOtp(yubikey, 1, 0) }, stateHandle: s.handle });
    await idx('skip', { stateHandle: s.handle });
    s = await begin('diff.yubikey@garage.test');
    captured['authenticator-verification-yubikey.json'] = await idx('challenge', { authenticator: { id: idOf(s.reply, 'yubikey_token'), methodType: 'otp' }, stateHandle: s.handle });

    await t.activeUser('diff.ov@garage.test');
    s = await begin('diff.ov@garage.test');
    const qr = await idx('credential/enroll', { authenticator: { id: idOf(s.reply, 'okta_verify') }, stateHandle: s.handle });
    captured['authenticator-enroll-ov-qr.json'] = qr;
    const { createRequire } = await import('node:module');
    const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(b: Buffer): { data: Buffer; width: number; height: number } } } };
    const jsQR = createRequire(import.meta.url)('jsqr') as (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
    const png = PNG.sync.read(Buffer.from(String(qr.currentAuthenticator.value.contextualData.qrcode.href).split(',')[1] ?? '', 'base64'));
    const device = simulatedDevice(t.url);
    await device.pair(new URL(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '').searchParams.get('code') ?? '');
    await idx('challenge/poll', { stateHandle: s.handle });
    await idx('skip', { stateHandle: s.handle });
    s = await begin('diff.ov@garage.test');
    captured['authenticator-verification-okta-verify-push.json'] = await idx('challenge', { authenticator: { id: idOf(s.reply, 'okta_verify'), methodType: 'push' }, stateHandle: s.handle });
    captured['authenticator-verification-number-challenge.json'] = captured['authenticator-verification-okta-verify-push.json'];

    const start = await signIn(t, 'diff.ov@garage.test');
    const push = start.body._embedded.factors.find((f: Json) => f.factorType === 'push');
    const sent = await t.post(`/api/v1/authn/factors/${push.id}/verify`, { stateToken: start.body.stateToken });
    void sent;
    await t.activeUser('diff.ovtotp@garage.test');
    const started = await signIn(t, 'diff.ovtotp@garage.test');
    const totp = await t.post('/api/v1/authn/factors', { stateToken: started.body.stateToken, factorType: 'token:software:totp', provider: 'OKTA' });
    const secret = String(totp.body._embedded.factor._embedded.activation.sharedSecret);
    await t.post(String(totp.body._links.next.href).replace(t.url, ''), { stateToken: started.body.stateToken, passCode: totpAt(secret, undefined) });
    s = await begin('diff.ovtotp@garage.test');
    captured['authenticator-verification-okta-verify-totp.json'] = await idx('challenge', { authenticator: { id: idOf(s.reply, 'okta_verify'), methodType: 'totp' }, stateHandle: s.handle });
    captured['error-okta-verify-totp.json'] = await idx('challenge/answer', { credentials: { totp: totpAt(secret, undefined) === '000000' ? '111111' : '000000' }, stateHandle: s.handle });
  } finally {
    await t.close();
  }
  for (const [file, ours] of Object.entries(captured)) {
    const okta = JSON.parse(readFileSync(join(mocksDir, file), 'utf8')) as unknown;
    const { onlyOkta, onlyOurs } = diffKeyPaths(okta, ours);
    process.stdout.write(`\n## ${file}\n- only Okta's: ${onlyOkta.join(', ') || '(none)'}\n- only ours: ${onlyOurs.join(', ') || '(none)'}\n`);
  }
}

if (process.argv[2]) await main(process.argv[2]);
