/**
 * An identity-engine test org for one okta-auth-js test file: started on port 0 before the file's tests, on
 * a manual clock the tests move, and closed after them. The org exists only once `beforeAll` has run, so
 * it comes as a getter; `client()` is a fresh okta-auth-js (step mode) on the org's native app.
 */
import { afterAll, beforeAll } from 'vitest';
import type { OktaAuth } from '@okta/okta-auth-js';
import { manualClock } from '../../../main/core/clock.ts';
import type { LocalOrgOptions } from '../../../main/local-org/server.ts';
import { oktaAuthFor } from './okta-auth-js.ts';
import { startTestOrg, type TestOrg } from './test-org.ts';

export interface IdentityOrg {
  readonly clock: ReturnType<typeof manualClock>;
  readonly org: () => TestOrg;
  readonly client: () => OktaAuth;
}

/** Registers the file's start and close hooks; call it at the top level of the test file. */
export function useIdentityOrg(options: Pick<Partial<LocalOrgOptions>, 'policy'> = {}): IdentityOrg {
  const clock = manualClock(Date.now());
  let started: TestOrg | undefined;
  beforeAll(async () => {
    started = await startTestOrg({ ...options, clock, engine: 'identity' });
  });
  afterAll(() => started?.close());
  const org = (): TestOrg => {
    if (!started) throw new Error('the identity org starts in beforeAll: read it inside a hook or a test');
    return started;
  };
  return { clock, org, client: () => oktaAuthFor(org()) };
}
