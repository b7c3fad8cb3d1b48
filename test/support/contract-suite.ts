/**
 * One contract suite, two transports (conventions §3.5, otplib's createTOTPTests style): the same
 * behaviours are asserted through the Electron IPC binding and through the WebSocket bridge.
 */
import { describe, expect, it } from 'vitest';
import { channels, type ChannelName } from '../../preload/contract.ts';
import type { Stack } from './bootstrap.ts';
import { createActiveUser, uniqueLogin } from './org-admin.ts';

export interface Transport {
  call(channel: string, payload: unknown): Promise<unknown>;
}

function parsed<K extends ChannelName>(channel: K, response: unknown) {
  const check = channels[channel].response.safeParse(response);
  expect(check.success, JSON.stringify(check.error?.issues)).toBe(true);
  return check.data as { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };
}

export function createContractTests(name: string, context: () => { stack: Stack; transport: Transport }): void {
  describe(`IPC contract over ${name}`, () => {
    it('answers app.info with a contract-valid view', async () => {
      const { transport } = context();
      const response = parsed('app.info', await transport.call('app.info', {}));
      expect(response.ok).toBe(true);
      expect(response.value).toMatchObject({ trainingOrg: true });
    });

    it('signs in against the org and returns a view without any token', async () => {
      const { stack, transport } = context();
      const login = uniqueLogin('contract');
      await createActiveUser(stack.org, login, 'Garage-Shop-2026');
      const raw = await transport.call('auth.signIn', { username: login, password: 'Garage-Shop-2026' });
      const response = parsed('auth.signIn', raw);
      expect(response.ok).toBe(true);
      expect(response.value?.status).toMatch(/MFA_ENROLL|MFA_REQUIRED/);
      expect(JSON.stringify(raw)).not.toMatch(/stateToken|sessionToken|"00[A-Za-z0-9_-]{20,}"/);
      await transport.call('auth.cancel', {});
    });

    it('reports wrong credentials as a typed error with Okta’s code', async () => {
      const { transport } = context();
      const response = parsed('auth.signIn', await transport.call('auth.signIn', { username: 'nobody@garage.test', password: 'x' }));
      expect(response).toMatchObject({ ok: false, error: { code: 'E_AUTH_BAD_CREDENTIALS', oktaCode: 'E0000004' } });
    });

    it('refuses a payload that fails its schema', async () => {
      const { transport } = context();
      expect(await transport.call('auth.verify', { factorId: '../../admin', passCode: '12' })).toMatchObject({ ok: false, error: { code: 'E_IPC_BAD_REQUEST' } });
    });

    it('refuses a channel outside the table', async () => {
      const { transport } = context();
      const response = await transport.call('org.deleteUser', {}).catch((error: unknown) => ({ thrown: String(error) }));
      expect(JSON.stringify(response)).toMatch(/E_IPC_UNKNOWN_CHANNEL|No handler/);
    });
  });
}
