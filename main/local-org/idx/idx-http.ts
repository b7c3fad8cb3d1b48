/**
 * IDX wire conventions: bodies are JSON sent as `application/json` or `application/ion+json`
 * (okta-auth-js sends the first on remediations and the second on introspect), replies are
 * `application/ion+json; okta-version=1.0.0`, and every failure is an IDX body carrying messages with
 * Okta's i18n keys, never Okta's API error body (okta-idx.md §4).
 */
import type { IncomingMessage } from 'node:http';
import type { Route } from '../http/router.ts';
import { OktaFailure } from '../http/okta-error.ts';
import { readJson, type Reply } from '../http/request-io.ts';

export const ION = 'application/ion+json; okta-version=1.0.0';
export const IDX_ACCEPTS = 'application/json; okta-version=1.0.0';
const ACCEPTED_MEDIA = new Set(['application/json', 'application/ion+json']);

export interface IdxMessage {
  readonly message: string;
  readonly i18n: { readonly key: string; readonly params?: readonly unknown[] };
  readonly class: 'ERROR' | 'INFO' | 'WARNING';
}

export function idxMessage(key: string, message: string, cls: IdxMessage['class'] = 'ERROR'): IdxMessage {
  return { message, i18n: { key }, class: cls };
}

export const MESSAGES = {
  sessionExpired: idxMessage('idx.session.expired', 'You have been logged out due to inactivity. Refresh or return to the sign in screen.'),
  badRequest: idxMessage('E0000020', 'Bad request.'),
  tooManyRequests: idxMessage('tooManyRequests', 'Too many requests'),
  authFailed: idxMessage('errors.E0000004', 'Authentication failed'),
  // Okta's text for a locked account on IDX is unconfirmed; the key is its API code for "User Locked".
  locked: idxMessage('errors.E0000069', 'Your account is locked. Contact your administrator or unlock it.'),
  passcodeInvalid: idxMessage('api.authn.error.PASSCODE_INVALID', 'Invalid code. Try again.'),
  softTokenInvalid: idxMessage('authfactor.challenge.soft_token.invalid_passcode', "Your code doesn't match our records. Please try again."),
  softTokenUsed: idxMessage('authfactor.challenge.soft_token.used_passcode', 'Each code can only be used once. Please wait for a new code and try again.'),
  suspended: idxMessage('authfactor.challenge.suspended_factor', 'This factor is suspended for your account due to too many failed attempts'),
  passwordRequirements: idxMessage(
    'password.passwordRequirementsNotMet',
    'Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.',
  ),
  pushRejected: idxMessage('api.authn.poll.error.push_rejected', 'You have chosen to reject this login.'),
  pushTimedOut: idxMessage('core.system.transaction_resource_not_found', 'Verification timed out. Please try again'),
  answerTooShort: idxMessage('securityQuestion.answer.tooShort.arg', 'The security question answer must be at least 4 characters in length'),
} as const;

/** A failure answered with messages and no remediation (auth-js sees a TERMINAL transaction). */
export class IdxFailure extends Error {
  readonly status: number;
  readonly messages: readonly IdxMessage[];

  constructor(status: number, ...messages: IdxMessage[]) {
    super(messages[0]?.i18n.key ?? 'idx');
    this.status = status;
    this.messages = messages;
  }
}

export function ionReply(body: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body, headers: { 'Content-Type': ION, ...headers } };
}

export function terminal(status: number, messages: readonly IdxMessage[], headers: Record<string, string> = {}): Reply {
  return ionReply({ version: '1.0.0', messages: { type: 'array', value: messages } }, status, headers);
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The JSON object body of an IDX call (415 for another media type, 400 for anything but an object). */
export async function readIdxBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!ACCEPTED_MEDIA.has(mediaType(req))) throw new IdxFailure(415, MESSAGES.badRequest);
  const body = await readJson(req);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new IdxFailure(400, MESSAGES.badRequest);
  return body as Record<string, unknown>;
}

export function idxRoute(route: Route): Route {
  return {
    ...route,
    handler: async (rc) => {
      try {
        return await route.handler(rc);
      } catch (error: unknown) {
        if (error instanceof IdxFailure) return terminal(error.status, error.messages);
        if (error instanceof OktaFailure) {
          if (error.code === 'E0000047') return terminal(429, [MESSAGES.tooManyRequests], error.headers);
          if (error.code === 'E0000999') return terminal(413, [MESSAGES.badRequest]);
          if (error.code === 'E0000003' || error.code === 'E0000001') return terminal(400, [MESSAGES.badRequest]);
        }
        throw error;
      }
    },
  };
}
