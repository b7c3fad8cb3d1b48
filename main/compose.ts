/**
 * Composition root in plain Node (conventions §2): adapters → services → the handler table.
 * The Electron shell and the test bridge both call it, with their own adapters; it alone knows them all.
 */
import type { AppInfoView, Language } from '../preload/contract.ts';
import { createAuthService, type AuthService } from './auth/auth-service.ts';
import type { FetchLike } from './auth/authn-http.ts';
import type { Clock } from './core/clock.ts';
import type { Handlers } from './core/dispatch.ts';
import { ok } from './core/result.ts';
import type { Logger } from './core/redact.ts';

export interface ComposeDeps {
  readonly orgUrl: string;
  /** True when no org is configured and the embedded local org serves as a training org. */
  readonly trainingOrg: boolean;
  readonly version: string;
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: Logger;
  readonly language: { get(): Language; set(language: Language): void };
  readonly qrDataUrl: (text: string) => Promise<string>;
}

export interface Composition {
  readonly handlers: Handlers;
  readonly auth: AuthService;
}

export function compose(deps: ComposeDeps): Composition {
  const orgHost = new URL(deps.orgUrl).host;
  const auth = createAuthService({
    orgUrl: deps.orgUrl,
    fetch: deps.fetch,
    clock: deps.clock,
    sleep: deps.sleep,
    log: deps.log,
    totpQr: ({ secret, account, digits, period }) =>
      deps.qrDataUrl(
        `otpauth://totp/${encodeURIComponent(`wiTECH:${account}`)}?secret=${secret}&issuer=wiTECH&digits=${digits}&period=${period}`,
      ),
    imageFromOrg: async () => undefined,
  });

  const info = (): AppInfoView => ({ version: deps.version, language: deps.language.get(), orgHost, trainingOrg: deps.trainingOrg });

  const handlers: Handlers = {
    'app.info': async () => ok(info()),
    'settings.setLanguage': async ({ language }) => {
      deps.language.set(language);
      return ok(info());
    },
    'auth.state': async () => ok(auth.view()),
    'auth.signIn': ({ username, password }) => auth.signIn(username, password),
    'auth.cancel': () => auth.cancel(),
  };
  return { handlers, auth };
}
