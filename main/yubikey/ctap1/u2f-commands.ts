/**
 * U2F (CTAP1) over a CTAPHID channel: CTAPHID_MSG carries the APDU (CTAP 2.1 §11.2.9.1.1). A U2F key has
 * no KEEPALIVE for touches: it answers "conditions not satisfied" until touched, and the host asks again
 * (python-fido2 `_call_polling`), which is also where "touch your key" is said, once.
 */
import type { AppErrorCode } from '../../core/errors.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { CMD } from '../hid/ctaphid-frame.ts';
import type { CtapChannel, TransactOptions } from '../hid/ctaphid-channel.ts';
import { AUTH_MODE, INS, SW, decodeApduResponse, encodeApdu } from './apdu.ts';
import { parseRegistration, parseSignature } from './u2f-messages.ts';

const POLL_MS = 250;

function swError(sw: number): AppErrorCode {
  if (sw === SW.WRONG_DATA) return 'E_CTAP_NO_CREDENTIALS';
  if (sw === SW.INS_NOT_SUPPORTED || sw === SW.CLA_NOT_SUPPORTED) return 'E_CTAP_UNSUPPORTED';
  if (sw === SW.WRONG_LENGTH) return 'E_CTAP_BAD_RESPONSE';
  return 'E_CTAP_OTHER';
}

export interface U2fCallOptions extends TransactOptions {
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

async function send(channel: CtapChannel, apdu: Uint8Array, options: TransactOptions): Promise<Result<{ data: Uint8Array; sw: number }>> {
  const answer = await channel.transact(CMD.MSG, apdu, options);
  if (!answer.ok) return answer;
  const response = decodeApduResponse(answer.value);
  return response ? ok(response) : fail('E_CTAP_BAD_RESPONSE', { cause: 'no status word' });
}

/** Sends `apdu` until the key is touched, the time is up or the ceremony is cancelled. */
async function sendUntilTouched(channel: CtapChannel, apdu: Uint8Array, options: U2fCallOptions): Promise<Result<Uint8Array>> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (options.timeoutMs ?? 30_000);
  let asked = false;
  for (;;) {
    const response = await send(channel, apdu, options);
    if (!response.ok) return response;
    if (response.value.sw === SW.OK) return ok(response.value.data);
    if (response.value.sw !== SW.CONDITIONS_NOT_SATISFIED) return fail(swError(response.value.sw), { cause: { sw: response.value.sw } });
    if (!asked) {
      asked = true;
      options.onKeepalive?.('touch');
    }
    if (options.signal?.aborted) return fail('E_HID_CANCELLED');
    if (now() > deadline) return fail('E_HID_TIMEOUT');
    await sleep(POLL_MS);
  }
}

export async function u2fVersion(channel: CtapChannel, options: TransactOptions = {}): Promise<Result<string>> {
  const response = await send(channel, encodeApdu(INS.VERSION, 0, 0), options);
  if (!response.ok) return response;
  if (response.value.sw !== SW.OK) return fail(swError(response.value.sw), { cause: { sw: response.value.sw } });
  return ok(Buffer.from(response.value.data).toString('ascii'));
}

export async function u2fRegister(channel: CtapChannel, clientParam: Uint8Array, appParam: Uint8Array, options: U2fCallOptions = {}) {
  const data = await sendUntilTouched(channel, encodeApdu(INS.REGISTER, 0, 0, Buffer.concat([clientParam, appParam])), options);
  if (!data.ok) return data;
  const parsed = parseRegistration(data.value);
  return parsed ? ok(parsed) : fail('E_CTAP_BAD_RESPONSE', { cause: 'U2F registration' });
}

function authenticateApdu(mode: number, clientParam: Uint8Array, appParam: Uint8Array, keyHandle: Uint8Array): Uint8Array {
  return encodeApdu(INS.AUTHENTICATE, mode, 0, Buffer.concat([clientParam, appParam, Buffer.from([keyHandle.length]), keyHandle]));
}

/**
 * Check-only AUTHENTICATE: "conditions not satisfied" means the key made this handle for this application
 * (U2F Raw Message Formats §5.1), without a touch. Used for allow and exclude lists.
 */
export async function u2fKnowsHandle(channel: CtapChannel, appParam: Uint8Array, keyHandle: Uint8Array, options: TransactOptions = {}): Promise<Result<boolean>> {
  if (keyHandle.length > 255) return ok(false);
  const response = await send(channel, authenticateApdu(AUTH_MODE.checkOnly, new Uint8Array(32), appParam, keyHandle), options);
  if (!response.ok) return response;
  if (response.value.sw === SW.CONDITIONS_NOT_SATISFIED) return ok(true);
  if (response.value.sw === SW.WRONG_DATA) return ok(false);
  return fail(swError(response.value.sw), { cause: { sw: response.value.sw } });
}

export async function u2fAuthenticate(channel: CtapChannel, clientParam: Uint8Array, appParam: Uint8Array, keyHandle: Uint8Array, options: U2fCallOptions = {}) {
  const data = await sendUntilTouched(channel, authenticateApdu(AUTH_MODE.sign, clientParam, appParam, keyHandle), options);
  if (!data.ok) return data;
  const parsed = parseSignature(data.value);
  return parsed ? ok(parsed) : fail('E_CTAP_BAD_RESPONSE', { cause: 'U2F signature' });
}
