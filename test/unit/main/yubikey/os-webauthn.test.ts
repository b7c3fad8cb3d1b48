/**
 * The Node side of the OS WebAuthn path: what the window's page answers is untrusted input. Checked here:
 * the request main hands the window, schema refusals, the clientDataJSON checks (origin, type, challenge),
 * the page's error codes passed on, and a closed window read as a cancel.
 */
import { describe, expect, it } from 'vitest';
import { createOsWebauthnCeremonies, type OsWebauthnRequest } from '../../../../main/yubikey/os-webauthn.ts';
import { isWindowsAdmin } from '../../../../main/yubikey/windows-elevation.ts';

const ORIGIN = 'https://fcawitech.okta.com';
const creation = { challenge: 'Y2hhbGxlbmdl', rp: { id: 'fcawitech.okta.com', name: 'wiTECH' }, user: { id: 'dXNlcg', name: 'ana', displayName: 'Ana' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] };
const request = { challenge: 'c2lnbi1jaGFsbGVuZ2U', rpId: 'fcawitech.okta.com', allowCredentials: [{ id: 'a2V5', type: 'public-key' }] };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const clientData = (type: string, challenge: string, origin = ORIGIN) => b64({ type, challenge, origin, crossOrigin: false });

function windowAnswering(answer: unknown) {
  const asked: OsWebauthnRequest[] = [];
  return { asked, ceremonies: createOsWebauthnCeremonies(async (req) => (asked.push(req), answer)) };
}

describe('OS WebAuthn ceremonies', () => {
  it('hands the window the options and the pinned origin, and returns what Okta needs', async () => {
    const { asked, ceremonies } = windowAnswering({ ok: true, value: { clientDataJSON: clientData('webauthn.create', creation.challenge), attestationObject: 'o2NmbXRkbm9uZQ' } });
    const made = await ceremonies.register(creation, ORIGIN);
    expect(made).toEqual({ ok: true, value: { response: { clientDataJSON: clientData('webauthn.create', creation.challenge), attestationObject: 'o2NmbXRkbm9uZQ' } } });
    expect(asked).toEqual([{ kind: 'create', optionsJson: JSON.stringify(creation), origin: ORIGIN }]);

    const signing = windowAnswering({ ok: true, value: { clientDataJSON: clientData('webauthn.get', request.challenge), authenticatorData: 'YXV0aA', signature: 'c2ln' } });
    expect(await signing.ceremonies.sign(request, ORIGIN)).toMatchObject({ ok: true, value: { response: { authenticatorData: 'YXV0aA', signature: 'c2ln' } } });
    expect(signing.asked[0]?.kind).toBe('get');
  });

  it('refuses an answer signed for another origin, another challenge or the other ceremony', async () => {
    const wrong = [clientData('webauthn.create', creation.challenge, 'https://evil.example'), clientData('webauthn.create', 'b3RoZXI'), clientData('webauthn.get', creation.challenge), 'bm90LWpzb24'];
    for (const encoded of wrong) {
      const { ceremonies } = windowAnswering({ ok: true, value: { clientDataJSON: encoded, attestationObject: 'AA' } });
      expect(await ceremonies.register(creation, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_WEBAUTHN_ORIGIN' } });
    }
  });

  it('refuses malformed answers with a typed error, and passes on the page’s own codes', async () => {
    for (const answer of [null, 'ok', { ok: true }, { ok: true, value: { clientDataJSON: 'x y', attestationObject: 'AA' } }, { ok: true, value: { clientDataJSON: 'AA', attestationObject: 'AA', extra: 1 } }, { ok: false, error: { code: 'E_INTERNAL' } }]) {
      expect(await windowAnswering(answer).ceremonies.register(creation, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_AUTH_WEBAUTHN_FAILED' } });
    }
    expect(await windowAnswering({ ok: false, error: { code: 'E_CTAP_CREDENTIAL_EXCLUDED' } }).ceremonies.register(creation, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_CTAP_CREDENTIAL_EXCLUDED' } });
    expect(await windowAnswering({ ok: false, error: { code: 'E_CTAP_NOT_ALLOWED' } }).ceremonies.sign(request, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_CTAP_NOT_ALLOWED' } });
  });

  it('reads a window closed without an answer as a cancel, and a window that failed to open as a failure', async () => {
    expect(await windowAnswering(undefined).ceremonies.sign(request, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_HID_CANCELLED' } });
    const broken = createOsWebauthnCeremonies(async () => {
      throw new Error('window could not load');
    });
    expect(await broken.sign(request, ORIGIN)).toMatchObject({ ok: false, error: { code: 'E_AUTH_WEBAUTHN_FAILED' } });
  });
});

describe('Windows elevation', () => {
  it('is asked only on Windows, through fltmc’s exit code', async () => {
    const calls: string[] = [];
    const run = async (file: string) => (calls.push(file), { exitCode: 0 });
    expect(await isWindowsAdmin('linux', run)).toBe(false);
    expect(calls).toEqual([]);
    expect(await isWindowsAdmin('win32', run)).toBe(true);
    expect(await isWindowsAdmin('win32', async () => ({ exitCode: 1 }))).toBe(false);
    expect(
      await isWindowsAdmin('win32', async () => {
        throw new Error('spawn fltmc ENOENT');
      }),
    ).toBe(false);
  });
});
