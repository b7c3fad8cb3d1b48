/** One SecretStore suite for every backend (conventions §4.11): memory, and the real OS keychain. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../../main/keychain/secret-store.ts';

export function secretStoreSuite(name: string, open: () => SecretStore): void {
  describe(`SecretStore over ${name}`, () => {
    const service = `Garage Sign-In test ${randomUUID()}`;

    it('is available', async () => {
      expect(await open().availability()).toEqual({ ok: true, value: true });
    });

    it('keeps a secret and gives it back, per service and account', async () => {
      const store = open();
      expect(await store.set(service, 'ana@garage.test', 'JBSWY3DPEHPK3PXP')).toEqual({ ok: true, value: true });
      expect(await store.set(`${service} other`, 'ana@garage.test', 'OTHER')).toEqual({ ok: true, value: true });
      expect(await store.get(service, 'ana@garage.test')).toEqual({ ok: true, value: 'JBSWY3DPEHPK3PXP' });
      expect(await store.get(service, 'marc@garage.test')).toEqual({ ok: true, value: null });
      await store.delete(`${service} other`, 'ana@garage.test');
    });

    it('forgets a deleted secret, and says whether there was one', async () => {
      const store = open();
      await store.set(service, 'luc@garage.test', 'SECRET');
      expect(await store.delete(service, 'luc@garage.test')).toEqual({ ok: true, value: true });
      expect(await store.delete(service, 'luc@garage.test')).toEqual({ ok: true, value: false });
      expect(await store.get(service, 'luc@garage.test')).toEqual({ ok: true, value: null });
    });
  });
}
