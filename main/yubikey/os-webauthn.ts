/**
 * The OS WebAuthn path (Windows without administrator rights, where raw FIDO HID is closed since 1903):
 * a minimal window whose document sits on the org origin runs @simplewebauthn/browser, and Windows' own
 * dialog (webauthn.dll) collects touch and PIN. This module is the Node side: it hands the window the
 * options, and treats what comes back as untrusted input: schema-checked, and clientDataJSON must carry
 * the pinned origin, the ceremony type and the challenge main was given, or the answer is refused.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../core/result.ts';
import type { KeyCeremonies } from './key-ceremonies.ts';
import type { CreationOptionsJSON, RequestOptionsJSON } from './webauthn-ceremony.ts';

export interface OsWebauthnRequest {
  readonly kind: 'create' | 'get';
  /** The options as @simplewebauthn/browser takes them (its `optionsJSON`). */
  readonly optionsJson: string;
  /** The document's origin: the org's, from the configuration. */
  readonly origin: string;
}

/** Opens the window, waits for its answer (or its closing), returns what the page said, unchecked. */
export type OsWebauthnWindow = (request: OsWebauthnRequest) => Promise<unknown>;

const B64url = z.string().min(1).max(16_384).regex(/^[A-Za-z0-9_-]+$/);
/** Codes the page may report (renderer/webauthn.ts maps DOMException names to these). */
const PageErrorCode = z.enum(['E_CTAP_CREDENTIAL_EXCLUDED', 'E_CTAP_NOT_ALLOWED', 'E_WEBAUTHN_ORIGIN', 'E_AUTH_WEBAUTHN_FAILED', 'E_HID_CANCELLED']);
const PageFailure = z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: PageErrorCode }) });
const Registered = z.union([z.strictObject({ ok: z.literal(true), value: z.strictObject({ clientDataJSON: B64url, attestationObject: B64url }) }), PageFailure]);
const Signed = z.union([z.strictObject({ ok: z.literal(true), value: z.strictObject({ clientDataJSON: B64url, authenticatorData: B64url, signature: B64url }) }), PageFailure]);
const ClientData = z.looseObject({ type: z.string(), challenge: z.string(), origin: z.string() });

/** The browser built clientDataJSON; main checks it says what main asked for (WebAuthn §7.1 steps 7-9). */
function clientDataMatches(encoded: string, type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  const data = ClientData.safeParse(parsed);
  return data.success && data.data.type === type && data.data.challenge === challenge && data.data.origin === new URL(origin).origin;
}

export function createOsWebauthnCeremonies(openWindow: OsWebauthnWindow): KeyCeremonies {
  /** Opens the window, checks its answer's shape, then that clientDataJSON says what main asked for. */
  async function ceremony<V extends { clientDataJSON: string }>(request: OsWebauthnRequest, schema: z.ZodType<{ ok: true; value: V } | z.infer<typeof PageFailure>>, type: 'webauthn.create' | 'webauthn.get', challenge: string): Promise<Result<{ response: V }>> {
    let answer: unknown;
    try {
      answer = await openWindow(request);
    } catch (error) {
      return fail('E_AUTH_WEBAUTHN_FAILED', { cause: error });
    }
    // The window closed without an answer: the technician closed it, which is a cancel.
    if (answer === undefined) return fail('E_HID_CANCELLED');
    const parsed = schema.safeParse(answer);
    if (!parsed.success) return fail('E_AUTH_WEBAUTHN_FAILED', { cause: parsed.error.issues.map((issue) => issue.path.join('.')) });
    if (!parsed.data.ok) return fail(parsed.data.error.code);
    if (!clientDataMatches(parsed.data.value.clientDataJSON, type, challenge, request.origin)) return fail('E_WEBAUTHN_ORIGIN');
    return ok({ response: parsed.data.value });
  }

  return {
    register: (options: CreationOptionsJSON, origin: string) => ceremony({ kind: 'create', optionsJson: JSON.stringify(options), origin }, Registered, 'webauthn.create', options.challenge),
    sign: (options: RequestOptionsJSON, origin: string) => ceremony({ kind: 'get', optionsJson: JSON.stringify(options), origin }, Signed, 'webauthn.get', options.challenge),
  };
}
