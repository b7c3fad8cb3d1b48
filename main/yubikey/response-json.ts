/**
 * The JSON @simplewebauthn/browser gives for a registration or an assertion (its RegistrationResponseJSON
 * and AuthenticationResponseJSON), built the same way whichever protocol the key spoke: the org, or any
 * @simplewebauthn/server, cannot tell main ran the ceremony. The registration also carries, as browsers do,
 * the authenticator data and the new public key (SPKI) with its COSE algorithm.
 */
import { createPublicKey } from 'node:crypto';
import { decodeCborFirst } from './ctap2/cbor.ts';
import { parseAuthenticatorData } from './authenticator-data.ts';
import { b64url } from './client-data.ts';

/** COSE_Key (RFC 9053) → SPKI DER, for the keys a YubiKey makes: EC2 P-256 (ES256) and OKP Ed25519 (EdDSA). */
function spkiFromCose(cose: unknown): { alg: number; spki: Uint8Array } | undefined {
  if (!(cose instanceof Map)) return undefined;
  const alg = cose.get(3);
  const x = cose.get(-2);
  if (typeof alg !== 'number' || !(x instanceof Uint8Array)) return undefined;
  const jwk =
    cose.get(1) === 2 && cose.get(-1) === 1 && cose.get(-3) instanceof Uint8Array
      ? { kty: 'EC', crv: 'P-256', x: b64url(x), y: b64url(cose.get(-3) as Uint8Array) }
      : cose.get(1) === 1 && cose.get(-1) === 6
        ? { kty: 'OKP', crv: 'Ed25519', x: b64url(x) }
        : undefined;
  if (!jwk) return undefined;
  try {
    return { alg, spki: new Uint8Array(createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' })) };
  } catch {
    return undefined;
  }
}

export function registrationJson(credentialId: Uint8Array, clientDataJSON: string, attestationObject: Uint8Array, authData: Uint8Array) {
  const id = b64url(credentialId);
  const parsed = parseAuthenticatorData(authData);
  const cose = parsed?.credentialId ? decodeCborFirst(authData.subarray(55 + parsed.credentialId.length)) : undefined;
  const key = spkiFromCose(cose);
  return {
    id,
    rawId: id,
    type: 'public-key' as const,
    response: {
      clientDataJSON: b64url(Buffer.from(clientDataJSON)),
      attestationObject: b64url(attestationObject),
      authenticatorData: b64url(authData),
      transports: ['usb'],
      ...(key ? { publicKeyAlgorithm: key.alg, publicKey: b64url(key.spki) } : {}),
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'cross-platform' as const,
  };
}

export function assertionJson(credentialId: Uint8Array, clientDataJSON: string, authData: Uint8Array, signature: Uint8Array) {
  const id = b64url(credentialId);
  return {
    id,
    rawId: id,
    type: 'public-key' as const,
    response: { clientDataJSON: b64url(Buffer.from(clientDataJSON)), authenticatorData: b64url(authData), signature: b64url(signature) },
    clientExtensionResults: {},
    authenticatorAttachment: 'cross-platform' as const,
  };
}
