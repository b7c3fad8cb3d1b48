/**
 * The help request as the support desk receives it (`POST /api/v1/support/requests`): the desk's reason
 * names are its own English phrases, the screen's reason ids are ours; this table is the one place they meet.
 */
import type { HelpReason } from '../../preload/contract.ts';

const DESK_REASONS: Readonly<Record<HelpReason, string>> = {
  'cannot-log-in': 'Cannot log in', // the reason the seed article tells technicians to choose
  'lost-device': 'Lost or replaced phone',
  'locked-out': 'Account locked',
  'activation-link': 'Activation e-mail not received',
  other: 'Other',
};

export function helpRequestBody(input: { email: string; reason: HelpReason; message: string; locale: string; diagnostics?: Record<string, unknown> }): Record<string, unknown> {
  return {
    email: input.email,
    reason: DESK_REASONS[input.reason],
    message: input.message,
    locale: input.locale,
    ...(input.diagnostics ? { diagnostics: input.diagnostics } : {}),
  };
}
