/**
 * CTAP2 authenticatorMakeCredential (0x01), authenticatorGetAssertion (0x02) and authenticatorGetInfo (0x04)
 * over a CTAPHID channel (CTAP 2.1 §6.1, §6.2, §6.4). Requests are integer-keyed CBOR maps; responses are
 * validated on `unknown` before anything is trusted.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../core/result.ts';
import { CMD } from '../hid/ctaphid-frame.ts';
import type { CtapChannel, TransactOptions } from '../hid/ctaphid-channel.ts';
import { decodeCbor, encodeCbor, type CborMap } from './cbor.ts';
import { ctapError } from './status-codes.ts';

const Bytes = z.instanceof(Uint8Array);
const MakeCredentialResponse = z.map(z.number(), z.unknown()).transform((m) => ({ fmt: m.get(1), authData: m.get(2), attStmt: m.get(3) })).pipe(z.object({ fmt: z.string(), authData: Bytes, attStmt: z.map(z.string(), z.unknown()) }));
const GetAssertionResponse = z
  .map(z.number(), z.unknown())
  .transform((m) => ({ credential: m.get(1), authData: m.get(2), signature: m.get(3) }))
  .pipe(z.object({ credential: z.union([z.map(z.string(), z.unknown()).transform((c) => c.get('id')).pipe(Bytes), z.undefined()]), authData: Bytes, signature: Bytes }));
const Limit = z.union([z.number().int().positive(), z.undefined()]);
const GetInfoResponse = z
  .map(z.number(), z.unknown())
  .transform((m) => ({ versions: m.get(1), options: m.get(4), pinProtocols: m.get(6), maxCredentialCountInList: m.get(7), maxCredentialIdLength: m.get(8), minPinLength: m.get(0x0d) }))
  .pipe(
    z.object({
      versions: z.array(z.string()),
      options: z.union([z.map(z.string(), z.boolean()), z.undefined()]),
      pinProtocols: z.union([z.array(z.number()), z.undefined()]),
      maxCredentialCountInList: Limit,
      maxCredentialIdLength: Limit,
      minPinLength: Limit,
    }),
  );

async function call<T extends z.ZodType>(channel: CtapChannel, command: number, params: CborMap | undefined, schema: T, options?: TransactOptions): Promise<Result<z.output<T>>> {
  const request = params ? new Uint8Array([command, ...encodeCbor(params)]) : new Uint8Array([command]);
  const answer = await channel.transact(CMD.CBOR, request, options);
  if (!answer.ok) return answer;
  const status = answer.value[0];
  if (status === undefined) return fail('E_CTAP_BAD_RESPONSE');
  if (status !== 0) return fail(ctapError(status), { cause: { ctapStatus: status } });
  const parsed = schema.safeParse(decodeCbor(answer.value.subarray(1)));
  return parsed.success ? ok(parsed.data) : fail('E_CTAP_BAD_RESPONSE', { cause: parsed.error.issues.map((issue) => issue.path.join('.')) });
}

export interface MakeCredentialInput {
  readonly clientDataHash: Uint8Array;
  readonly rp: { id: string; name: string };
  readonly user: { id: Uint8Array; name: string; displayName: string };
  readonly algorithms: readonly number[];
  readonly excludeIds: readonly Uint8Array[];
  readonly residentKey: boolean;
  /** The "uv" option: only for a key with built-in verification (a fingerprint); never for a PIN (§6.1.2). */
  readonly uvOption: boolean;
  /** With a PIN token: authenticate(token, clientDataHash) and its protocol (§6.1.1 keys 8 and 9). */
  readonly pinAuth?: { readonly param: Uint8Array; readonly protocol: number } | undefined;
}

export function makeCredential(channel: CtapChannel, input: MakeCredentialInput, options?: TransactOptions) {
  const params: CborMap = new Map<number, unknown>([
    [1, input.clientDataHash],
    [2, new Map([['id', input.rp.id], ['name', input.rp.name]])],
    [3, new Map<string, unknown>([['id', input.user.id], ['name', input.user.name], ['displayName', input.user.displayName]])],
    [4, input.algorithms.map((alg) => new Map<string, unknown>([['alg', alg], ['type', 'public-key']]))],
  ]);
  if (input.excludeIds.length > 0) params.set(5, input.excludeIds.map((id) => new Map<string, unknown>([['id', id], ['type', 'public-key']])));
  const flags = new Map<string, boolean>();
  if (input.residentKey) flags.set('rk', true);
  // With a PIN token, user verification is the token itself; "uv" is for built-in verification (§6.1.2).
  if (input.uvOption && !input.pinAuth) flags.set('uv', true);
  if (flags.size > 0) params.set(7, flags);
  if (input.pinAuth) {
    params.set(8, input.pinAuth.param);
    params.set(9, input.pinAuth.protocol);
  }
  return call(channel, 0x01, params, MakeCredentialResponse, options);
}

export interface GetAssertionInput {
  readonly rpId: string;
  readonly clientDataHash: Uint8Array;
  readonly allowIds: readonly Uint8Array[];
  /** As for makeCredential: built-in verification only. */
  readonly uvOption: boolean;
  readonly pinAuth?: { readonly param: Uint8Array; readonly protocol: number } | undefined;
  /** false: a silent check that the key holds one of the ids, no touch asked and the signature worthless (§6.2.2 "up"). */
  readonly userPresence?: false;
}

export function getAssertion(channel: CtapChannel, input: GetAssertionInput, options?: TransactOptions) {
  const params: CborMap = new Map<number, unknown>([
    [1, input.rpId],
    [2, input.clientDataHash],
  ]);
  if (input.allowIds.length > 0) params.set(3, input.allowIds.map((id) => new Map<string, unknown>([['id', id], ['type', 'public-key']])));
  const flags = new Map<string, boolean>();
  if (input.userPresence === false) flags.set('up', false);
  if (input.uvOption && !input.pinAuth) flags.set('uv', true);
  if (flags.size > 0) params.set(5, flags);
  if (input.pinAuth) {
    params.set(6, input.pinAuth.param);
    params.set(7, input.pinAuth.protocol);
  }
  return call(channel, 0x02, params, GetAssertionResponse, options);
}

export function getInfo(channel: CtapChannel, options?: TransactOptions) {
  return call(channel, 0x04, undefined, GetInfoResponse, options);
}
