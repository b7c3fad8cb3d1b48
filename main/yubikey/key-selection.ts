/**
 * Several keys plugged in: the technician touches the one to use (CTAP 2.1 §6.9 authenticatorSelection; for
 * older keys the same touch is asked the way libfido2's fido_dev_get_touch_begin does). Every key blinks;
 * the first touched wins and the others are cancelled, so none stays waiting.
 */
import { fail, ok, type Result } from '../core/result.ts';
import { CMD } from './hid/ctaphid-frame.ts';
import type { CtapChannel, TransactOptions } from './hid/ctaphid-channel.ts';
import type { KeyProtocol } from './key-protocol.ts';
import { u2fRegister } from './ctap1/u2f-commands.ts';
import { encodeCbor } from './ctap2/cbor.ts';
import { ctapError } from './ctap2/status-codes.ts';

const SELECTION = 0x0b;
/** PIN_INVALID, PIN_AUTH_INVALID, PIN_NOT_SET, or success from keys that ignore the empty parameter. */
const TOUCHED_AFTER_EMPTY_PIN_AUTH = new Set([0x31, 0x33, 0x35, 0x00]);
const MAKE_CREDENTIAL = 0x01;

/** CTAP 2.0 has no selection command: a makeCredential with an empty pinUvAuthParam waits for a touch, then fails (CTAP 2.1 §6.1.2 step 1, which 2.0 keys honour). */
const TOUCH_ONLY_MAKE_CREDENTIAL = new Uint8Array([
  MAKE_CREDENTIAL,
  ...encodeCbor(
    new Map<number, unknown>([
      [1, new Uint8Array(32)],
      [2, new Map([['id', '.dummy']])],
      [3, new Map<string, unknown>([['id', new Uint8Array([1])], ['name', 'dummy']])],
      [4, [new Map<string, unknown>([['alg', -7], ['type', 'public-key']])]],
      [8, new Uint8Array(0)],
      [9, 1],
    ]),
  ),
]);

/** A plugged key and the protocol key-protocol.ts found for it. */
export interface SelectableKey {
  readonly channel: CtapChannel;
  readonly protocol: KeyProtocol;
}

/** Resolves once this key is touched; any CTAP answer after the touch counts (errors included). */
async function waitForTouch({ channel, protocol }: SelectableKey, options: TransactOptions): Promise<Result<true>> {
  if (protocol.kind === 'u2f') {
    const touched = await u2fRegister(channel, new Uint8Array(32), new Uint8Array(32), options);
    return touched.ok || touched.error.code === 'E_CTAP_BAD_RESPONSE' ? ok(true) : touched;
  }
  const selection = protocol.selection;
  const answer = await channel.transact(CMD.CBOR, selection ? new Uint8Array([SELECTION]) : TOUCH_ONLY_MAKE_CREDENTIAL, options);
  if (!answer.ok) return answer;
  const status = answer.value[0] ?? 0x7f;
  // Selection answers OK once touched; the 2.0 trick answers a PIN error once touched (libfido2 reads it the same way).
  return (selection ? status === 0 : TOUCHED_AFTER_EMPTY_PIN_AUTH.has(status)) ? ok(true) : fail(ctapError(status), { cause: { ctapStatus: status } });
}

/** The index of the key touched first, or why none was. */
export async function selectByTouch(keys: readonly SelectableKey[], options: TransactOptions = {}): Promise<Result<number>> {
  if (keys.length === 1) return ok(0);
  const controllers = keys.map(() => new AbortController());
  options.signal?.addEventListener('abort', () => controllers.forEach((c) => c.abort()), { once: true });
  const limit = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const attempts = keys.map((key, index) => waitForTouch(key, { ...limit, signal: (controllers[index] as AbortController).signal }).then((result) => ({ index, result })));
  options.onKeepalive?.('touch');
  const pending = new Set(attempts);
  let lastError: Result<number> = fail('E_HID_NO_DEVICE');
  while (pending.size > 0) {
    const settled = await Promise.race(pending);
    pending.delete(attempts[settled.index] as (typeof attempts)[number]);
    if (settled.result.ok) {
      controllers.forEach((controller, index) => index !== settled.index && controller.abort());
      await Promise.allSettled(pending);
      return ok(settled.index);
    }
    // A key pulled out or refusing drops out of the race; the others still count.
    lastError = settled.result;
  }
  return lastError;
}
