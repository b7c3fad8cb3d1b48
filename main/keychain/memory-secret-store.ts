/** An in-memory SecretStore, for tests and for the browser preview. */
import { ok } from '../core/result.ts';
import type { SecretStore } from './secret-store.ts';

export function createMemorySecretStore(): SecretStore {
  const entries = new Map<string, string>();
  const key = (service: string, account: string) => JSON.stringify([service, account]);
  return {
    availability: async () => ok(true),
    get: async (service, account) => ok(entries.get(key(service, account)) ?? null),
    set: async (service, account, secret) => {
      entries.set(key(service, account), secret);
      return ok(true);
    },
    delete: async (service, account) => ok(entries.delete(key(service, account))),
  };
}
