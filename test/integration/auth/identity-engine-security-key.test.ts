/**
 * The app's Identity Engine client and a security key, end to end against the identity org: the same
 * handlers the renderer calls, the same view models as on Classic (`activation.optionsJson`,
 * `webauthnRequestJson`), and the main-process key path (`auth.webauthnNative`: CTAP2 over CTAPHID to a
 * software authenticator) with no engine knowledge of its own. Only `/idp/idx` and OAuth are called.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoRandom } from '../../../main/core/random.ts';
import { openChannel } from '../../../main/yubikey/hid/ctaphid-channel.ts';
import type { KeyCeremonies } from '../../../main/yubikey/key-ceremonies.ts';
import { registerWithKey, signWithKey } from '../../../main/yubikey/webauthn-ceremony.ts';
import { createFakeHidDevice } from '../../support/fakes/fake-hid-device.ts';
import { createSoftAuthenticator } from '../../support/fakes/soft-ctap2-authenticator.ts';
import { identityApp, registerLoopbackClient, type IdentityApp } from '../../support/identity-app.ts';
import { softKey } from '../../support/local-org/okta-webauthn-client.ts';
import { PASSWORD, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';

let t: TestOrg;
let clientId = '';
const apps: IdentityApp[] = [];

beforeAll(async () => {
  t = await startTestOrg({ engine: 'identity' });
  clientId = await registerLoopbackClient(t);
});
afterAll(async () => {
  await t.close();
  for (const a of apps) a.dispose();
});

function app(yubikey?: KeyCeremonies) {
  const made = identityApp(t, clientId, yubikey);
  apps.push(made);
  return { handlers: made.app.handlers, paths: made.paths };
}

/** The packaged app's USB path: the app's own CTAP2 over CTAPHID, to a software key that verifies its user itself. */
async function usbKey(): Promise<KeyCeremonies> {
  const device = createFakeHidDevice(createSoftAuthenticator({ builtinUv: true }));
  const channel = await openChannel(device.device, cryptoRandom);
  if (!channel.ok) throw new Error(channel.error.code);
  return {
    register: (options, origin) => registerWithKey(channel.value, options, origin),
    sign: (options, origin) => signWithKey(channel.value, options, origin),
  };
}

describe('the app on an Identity Engine org: security key', () => {
  it('enrolls and signs in with a key run by main over USB, through IDX only', async () => {
    const login = 'idx.usb@garage.test';
    await t.activeUser(login);
    const { handlers, paths } = app(await usbKey());

    const first = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    expect(first.ok && first.value.factors?.map((f) => f.kind)).toContain('webauthn');
    const enrolling = await handlers['auth.enroll']({ kind: 'webauthn' });
    expect(enrolling).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL_ACTIVATE', factor: { kind: 'webauthn' }, activation: { kind: 'webauthn' } } });
    const enrolled = await handlers['auth.webauthnNative']({});
    expect(enrolled).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL', canSkip: true } });
    expect(await handlers['auth.skip']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });

    await handlers['auth.cancel']({});
    const again = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    const key = again.ok ? again.value.factors?.find((f) => f.kind === 'webauthn') : undefined;
    expect(key?.id).toMatch(/^aut/);
    // As on Classic: the screen names the factor, main asks Okta for the challenge and lets the key sign it.
    expect(await handlers['auth.webauthnNative']({ factorId: key?.id ?? '' })).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
    expect(paths.filter((p) => p.startsWith('/api/v1/authn'))).toEqual([]);
    expect(paths).toContain('/idp/idx/challenge/answer');
  });

  it('enrolls and signs in with a ceremony run by the page (browser preview), from the same view models as Classic', async () => {
    const login = 'idx.page@garage.test';
    await t.activeUser(login);
    const key = softKey();
    const { handlers } = app();
    await handlers['auth.signIn']({ username: login, password: PASSWORD });
    const enrolling = await handlers['auth.enroll']({ kind: 'webauthn' });
    if (!enrolling.ok || enrolling.value.activation?.kind !== 'webauthn') throw new Error('no webauthn activation');
    const made = key.createJSON(t.url, JSON.parse(enrolling.value.activation.optionsJson));
    expect(await handlers['auth.webauthnActivate']({ clientDataJSON: made.response.clientDataJSON, attestationObject: made.response.attestationObject })).toMatchObject({ ok: true, value: { status: 'MFA_ENROLL' } });
    expect(await handlers['auth.skip']({})).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });

    await handlers['auth.cancel']({});
    const again = await handlers['auth.signIn']({ username: login, password: PASSWORD });
    const factorId = (again.ok && again.value.factors?.find((f) => f.kind === 'webauthn')?.id) || '';
    const challenged = await handlers['auth.verify']({ factorId });
    if (!challenged.ok || !challenged.value.webauthnRequestJson) throw new Error('no challenge');
    expect(challenged.value).toMatchObject({ status: 'MFA_CHALLENGE', factor: { kind: 'webauthn', id: factorId }, factorResult: 'CHALLENGE' });
    const signed = key.getJSON(t.url, JSON.parse(challenged.value.webauthnRequestJson));
    const done = await handlers['auth.webauthnVerify']({ factorId, clientDataJSON: signed.response.clientDataJSON, authenticatorData: signed.response.authenticatorData, signature: signed.response.signature });
    expect(done).toMatchObject({ ok: true, value: { status: 'SUCCESS', user: { login } } });
  });
});
