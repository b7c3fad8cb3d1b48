/** A handler table for IPC tests: real dispatch, handlers that record what reached them. */
import type { Handlers } from '../../main/core/dispatch.ts';
import { ok } from '../../main/core/result.ts';
import type { TransactionView } from '../../preload/contract.ts';

export function recordingHandlers() {
  const calls: Array<{ channel: string; request: unknown }> = [];
  const none: TransactionView = { status: 'NONE', canGoBack: false, canSkip: false };
  const info = { version: '1.0.0', build: '1.0.0 (test)', updates: 'development' as const, language: 'fr' as const, orgHost: 'localhost:1', trainingOrg: true };
  const handlers = new Proxy({} as Handlers, {
    get(_target, channel: string) {
      return async (request: unknown) => {
        calls.push({ channel, request });
        if (channel === 'app.info' || channel === 'settings.setLanguage') return ok(info);
        if (channel === 'auth.signIn') return ok({ ...none, status: 'SUCCESS', user: { login: (request as { username: string }).username } });
        return ok(none);
      };
    },
  });
  return { handlers, calls };
}
