/**
 * Transport-free IPC core (conventions §3.2): (channel, raw payload, sender facts) → validated call → Result.
 * Used by main/shell/ipc-binding.ts (Electron) and by the test bridge (WebSocket): one core, two transports.
 */
import {
  channels,
  type ChannelName,
  type ChannelParsedRequest,
  type ChannelResponse,
  type ChannelValue,
  type ErrorView,
} from '../../preload/contract.ts';
import type { AppError } from './errors.ts';
import type { Result } from './result.ts';
import type { Logger } from './redact.ts';

/** One handler per channel: a channel in the table without a handler fails typecheck in compose.ts. */
export type Handlers = {
  readonly [K in ChannelName]: (request: ChannelParsedRequest<K>) => Promise<Result<ChannelValue<K>>>;
};

/** What the transport knows about the caller; the policy decides whether it is our own page. */
export interface SenderFacts {
  /** Origin of the calling frame ('app://garage', 'http://localhost:5123'). */
  readonly origin: string;
  readonly isMainFrame: boolean;
  /** True when the call comes from the app's own window (Electron: the window's own webContents). */
  readonly isAppWindow: boolean;
}

export type SenderPolicy = (sender: SenderFacts) => boolean;

export function allowOrigins(origins: readonly string[]): SenderPolicy {
  return (sender) => sender.isAppWindow && sender.isMainFrame && origins.includes(sender.origin);
}

export type WireResponse = ChannelResponse<ChannelName>;
export type Dispatch = (channel: string, raw: unknown, sender: SenderFacts) => Promise<WireResponse>;

function failure(code: ErrorView['code'], fields?: string[]): WireResponse {
  return { ok: false, error: fields ? { code, fields } : { code } };
}

/** The wire form of an error: only the contract's fields; `cause` stays in main for the logs. */
export function toErrorView(error: AppError): ErrorView {
  const view: { -readonly [K in keyof ErrorView]: ErrorView[K] } = { code: error.code };
  // An Okta code of an unexpected shape is dropped rather than turning the whole answer into E_INTERNAL.
  if (error.oktaCode !== undefined && /^[A-Za-z0-9_.-]{1,100}$/.test(error.oktaCode)) view.oktaCode = error.oktaCode;
  if (error.retryAfterSeconds !== undefined) view.retryAfterSeconds = error.retryAfterSeconds;
  if (error.fields !== undefined) view.fields = [...error.fields];
  if (error.remaining !== undefined) view.remaining = error.remaining;
  return view;
}

export function createDispatch(handlers: Handlers, isTrustedSender: SenderPolicy, log: Logger): Dispatch {
  return async (channel, raw, sender) => {
    if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) {
      log.warn('ipc.unknown_channel', { channel: String(channel).slice(0, 64) });
      return failure('E_IPC_UNKNOWN_CHANNEL');
    }
    const name = channel as ChannelName;
    if (!isTrustedSender(sender)) {
      log.warn('ipc.forbidden_sender', { channel: name, origin: String(sender.origin).slice(0, 100), isMainFrame: sender.isMainFrame });
      return failure('E_IPC_FORBIDDEN_SENDER');
    }
    const parsed = channels[name].request.safeParse(raw);
    if (!parsed.success) {
      // Paths only, never values: a rejected payload may hold a password.
      return failure('E_IPC_BAD_REQUEST', parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').slice(0, 20));
    }
    let outcome: Result<unknown>;
    try {
      const handler = handlers[name] as (request: unknown) => Promise<Result<unknown>>;
      outcome = await handler(parsed.data);
    } catch (error) {
      log.error('ipc.handler_threw', { channel: name, error });
      return failure('E_INTERNAL');
    }
    const wire = outcome.ok ? outcome : { ok: false as const, error: toErrorView(outcome.error) };
    // The response schema is closed: a view that grew a secret field is refused here, not shipped.
    const checked = channels[name].response.safeParse(wire);
    if (!checked.success) {
      log.error('ipc.bad_response', { channel: name, paths: checked.error.issues.map((issue) => issue.path.join('.')) });
      return failure('E_INTERNAL');
    }
    return checked.data as WireResponse;
  };
}
