/**
 * Fault table, org row: the local org is killed (SIGKILL) while technicians file help requests and enroll
 * Google Authenticator, then started again on the same port and data folder. What each technician was told
 * decides what must exist afterwards: a help reference → that request is in the org; "queued" → it is in the
 * org once the outbox is flushed; an enrollment that reached "verified" → the factor is active. An
 * interrupted enrollment shows a network error and can be done again. Nothing acknowledged is lost.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, createActiveUser } from '../../support/org-admin.ts';
import { serveCli, type ServingOrg } from '../../support/local-org/cli-process.ts';
import { appAgainst } from './app-against.ts';
import { helpRequest, orgHelpRequests, pcClock, phoneCode } from './fault-kit.ts';

const PASSWORD = 'Garage-Shop-2026';
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  helpSent: Array<{ email: string; reference: string }>;
  helpQueued: string[];
  helpRefused: Array<{ email: string; code: string }>;
  enrolled: Array<{ login: string; id: string }>;
  enrollFailed: Array<{ login: string; id: string; code: string }>;
}

describe('local org killed during writes', () => {
  it('keeps every acknowledged help request and enrollment across a SIGKILL and restart', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'garage-org-killed-'));
    dirs.push(dataDir);
    const orgData = join(dataDir, 'org');
    let org: ServingOrg = await serveCli(['--port', '0', '--data', orgData, '--no-seed']);
    const port = new URL(org.url).port;
    const clock = pcClock();
    const users = await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      const login = `enroll-${i}-${Date.now().toString(36)}@garage.test`;
      return { login, id: (await createActiveUser(org, login, PASSWORD)).id };
    }));
    const out: Outcome = { helpSent: [], helpQueued: [], helpRefused: [], enrolled: [], enrollFailed: [] };
    let killed = false;
    const stats = { duplicated: 0 };

    // One app files help requests (the desk takes 20 a minute per address: at most 15 stay under it).
    const helpApp = appAgainst(org.url, join(dataDir, 'help-app'), clock);
    const helpLane = (async () => {
      // Starts once an enrollment went through, so the kill lands in the middle of both kinds of writes.
      while (out.enrolled.length === 0 && out.enrollFailed.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      let afterKill = 0;
      for (let i = 0; i < 15 && afterKill < 3; i += 1) {
        if (killed) afterKill += 1;
        const request = helpRequest(`killed-${i}-${Date.now().toString(36)}`);
        const receipt = await helpApp.handlers['support.requestHelp'](request);
        if (!receipt.ok) out.helpRefused.push({ email: request.email, code: receipt.error.code });
        else if (receipt.value.reference) out.helpSent.push({ email: request.email, reference: receipt.value.reference });
        else out.helpQueued.push(request.email);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    // Two workstations enroll technicians one after another, up to "verified".
    const enrollLane = async (lane: number) => {
      const app = appAgainst(org.url, join(dataDir, `enroll-app-${lane}`), clock);
      for (const user of users.filter((_, i) => i % 2 === lane)) {
        const fail = (code: string) => out.enrollFailed.push({ ...user, code });
        const started = await app.handlers['auth.signIn']({ username: user.login, password: PASSWORD });
        if (!started.ok) { fail(started.error.code); continue; }
        const enrolling = await app.handlers['auth.enroll']({ kind: 'totp-google' });
        if (!enrolling.ok) { fail(enrolling.error.code); continue; }
        const setup = await app.handlers['auth.totpSetup']({});
        if (!setup.ok) { fail(setup.error.code); continue; }
        const activated = await app.handlers['auth.activate']({ passCode: phoneCode(setup.value.manualKey) });
        if (!activated.ok) { fail(activated.error.code); continue; }
        out.enrolled.push(user);
        await app.handlers['auth.cancel']({});
      }
    };
    const lanes = [enrollLane(0), enrollLane(1)];

    // Killed once writes of both kinds have been acknowledged, with more in flight.
    while (!killed) {
      if (out.enrolled.length >= 1 && out.helpSent.length >= 3) {
        org.child.kill('SIGKILL');
        killed = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await org.exited()).toBeNull();
    await Promise.all([helpLane, ...lanes]);

    // What the technicians saw while the org was dead: clear network codes, requests queued, nothing refused.
    expect(out.helpRefused).toEqual([]);
    expect(new Set(out.enrollFailed.map((failure) => failure.code))).toEqual(new Set(out.enrollFailed.length ? ['E_NET_UNREACHABLE'] : []));

    org = await serveCli(['--port', port, '--data', orgData]);
    try {
      clock.shift(60 * 60_000);
      await helpApp.flushHelpOutbox();
      const stored = orgHelpRequests(orgData);
      const references = new Set(stored.map((row) => row.reference));
      const emails = stored.map((row) => row.email);
      const lostSent = out.helpSent.filter((sent) => !references.has(sent.reference));
      const lostQueued = out.helpQueued.filter((email) => !emails.includes(email));
      const duplicated = emails.filter((email, i) => emails.indexOf(email) !== i);
      expect({ lostSent, lostQueued }).toEqual({ lostSent: [], lostQueued: [] });
      // At-least-once: the request in flight when the org died may have been stored with its answer lost;
      // the app then queued it and sent it again. Only that one can be doubled (the desk has no
      // idempotency key to recognise it); every other request is stored once.
      expect(duplicated.length).toBeLessThanOrEqual(1);
      expect(duplicated.filter((email) => !out.helpQueued.includes(email))).toEqual([]);
      stats.duplicated = duplicated.length;

      for (const user of out.enrolled) {
        const factors = await admin<Array<{ factorType: string; status: string }>>(org, 'GET', `/api/v1/users/${user.id}/factors`);
        expect(factors.filter((factor) => factor.factorType === 'token:software:totp' && factor.status === 'ACTIVE'), user.login).toHaveLength(1);
      }
      // An interrupted enrollment is done again: the next sign-in asks for it (or for the code, if the
      // activation reached the org before the kill).
      const again = appAgainst(org.url, join(dataDir, 'again-app'), clock);
      for (const user of out.enrollFailed) {
        const started = await again.handlers['auth.signIn']({ username: user.login, password: PASSWORD });
        expect(started.ok && ['MFA_ENROLL', 'MFA_REQUIRED'].includes(started.value.status), user.login).toBe(true);
        await again.handlers['auth.cancel']({});
      }
      console.info(`org killed: ${out.helpSent.length} help sent, ${out.helpQueued.length} queued, ${out.enrolled.length} enrolled, ${out.enrollFailed.length} enrollments interrupted; lost 0, duplicated ${stats.duplicated}`);
    } finally {
      org.child.kill('SIGTERM');
      await org.exited();
    }
  });
});
