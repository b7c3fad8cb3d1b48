/**
 * The OS keychain through keytar (libsecret / Keychain / Credential Vault): the only keytar importer.
 * keytar rejects with plain Error messages; ONE table turns them into our codes, the message kept as cause.
 */
import keytar from 'keytar';
import type { AppErrorCode } from '../core/errors.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { SecretStore } from './secret-store.ts';

/** keytar / libsecret / D-Bus messages seen on Linux when there is no usable keychain, and what they mean. */
const FAILURES: ReadonlyArray<readonly [RegExp, AppErrorCode]> = [
  [/Cannot autolaunch D-Bus|Could not connect|DBUS_SESSION_BUS_ADDRESS|Failed to connect|No such interface|org\.freedesktop\.DBus\.Error\.ServiceUnknown|was not provided by any \.service files/i, 'E_KEYCHAIN_UNAVAILABLE'],
  [/Object does not exist at path|locked|cancelled|Cannot create an item in a locked collection|prompt/i, 'E_KEYCHAIN_LOCKED'],
];

function keychainError(error: unknown): { ok: false; error: { code: AppErrorCode; cause: unknown } } {
  const message = error instanceof Error ? error.message : String(error);
  const code = FAILURES.find(([pattern]) => pattern.test(message))?.[1] ?? 'E_KEYCHAIN_FAILED';
  return { ok: false, error: { code, cause: message } };
}

async function attempt<T>(call: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await call());
  } catch (error) {
    return keychainError(error);
  }
}

/** A probe entry: writing and deleting it proves the keychain is there and unlocked. */
const PROBE = { service: 'Garage Sign-In keychain check', account: 'probe' };

export function createKeytarSecretStore(): SecretStore {
  return {
    async availability() {
      const written = await attempt(() => keytar.setPassword(PROBE.service, PROBE.account, 'ok'));
      if (!written.ok) return written;
      await attempt(() => keytar.deletePassword(PROBE.service, PROBE.account));
      return ok(true);
    },
    get: (service, account) => attempt(() => keytar.getPassword(service, account)),
    set: async (service, account, secret) => {
      if (secret.length === 0 || secret.length > 4096) return fail('E_KEYCHAIN_FAILED', { cause: 'secret size' });
      const result = await attempt(() => keytar.setPassword(service, account, secret));
      return result.ok ? ok(true) : result;
    },
    delete: (service, account) => attempt(() => keytar.deletePassword(service, account)),
  };
}
