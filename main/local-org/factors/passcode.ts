/** Shared pieces of passcode factors: the body schema and Okta's wrong-code / replay errors. */
import { z } from 'zod';
import { OktaFailure } from '../http/okta-error.ts';
import { parseWith } from '../http/request-io.ts';

const PasscodeBody = z.looseObject({ passCode: z.string().max(256) });

export function passCodeOf(body: unknown): string {
  return parseWith(PasscodeBody, body).passCode.trim();
}

/** 403 E0000068 "Invalid Passcode/Answer" with Okta's cause text (authn reference, "Verify TOTP Factor"). */
export function wrongPasscode(): OktaFailure {
  return new OktaFailure('E0000068', [{ errorSummary: "Your passcode doesn't match our records. Please try again." }]);
}

/** Okta's FactorPasscodeReplayedException (E0000082); factorResult PASSCODE_REPLAYED. */
export function replayedPasscode(): OktaFailure {
  return new OktaFailure('E0000082', [{ errorSummary: 'Each code can only be used once. Please wait for a new code and try again.' }]);
}

/** Failures that count toward the per-transaction passcode limit. */
export function isPasscodeFailure(error: unknown): boolean {
  return error instanceof OktaFailure && (error.code === 'E0000068' || error.code === 'E0000082');
}
