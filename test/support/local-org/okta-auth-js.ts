/**
 * Okta's own client (okta-auth-js) pointed at a test org's `default` authorization server as the app's native
 * client, the way the IDX tests drive the org in okta-auth-js's default step mode.
 */
import { OktaAuth } from '@okta/okta-auth-js';
import type { TestOrg } from './test-org.ts';

export function oktaAuthFor(t: TestOrg): OktaAuth {
  return new OktaAuth({
    issuer: `${t.url}/oauth2/default`,
    clientId: t.org.clients.native,
    redirectUri: 'witech-login:/callback',
    scopes: ['openid', 'profile', 'offline_access'],
  });
}
