/**
 * One org, two engines: the engine is stored with the org's data, a mismatched start is refused, the
 * well-known document reports it as Okta does, and the upgrade keeps users, factors and sessions
 * while the Authn API goes on the way an upgraded org's does (no security image; `idx` cookie).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock.ts';
import { startLocalOrg } from '../../../main/local-org/server.ts';
import { EngineMismatchError } from '../../../main/local-org/idx/engine.ts';
import { CHEAP_SCRYPT, signIn, startTestOrg, totpAt, type TestOrg } from '../../support/local-org/test-org.ts';
import { runCli } from '../../support/local-org/cli-process.ts';

const opened: TestOrg[] = [];
afterAll(async () => {
  for (const t of opened) await t.close();
});

async function org(engine?: 'classic' | 'identity', clock = manualClock(1_800_000_015_000)): Promise<TestOrg> {
  const t = await startTestOrg({ clock, ...(engine ? { engine } : {}) });
  opened.push(t);
  return t;
}

describe('GET /.well-known/okta-organization', () => {
  it('answers pipeline v1 on a classic org (the default) and idx on an identity org, without authentication', async () => {
    const classic = await org();
    const identity = await org('identity');
    const a = await classic.get('/.well-known/okta-organization');
    const b = await identity.get('/.well-known/okta-organization');
    expect(a.status).toBe(200);
    expect(a.body.pipeline).toBe('v1');
    expect(b.body.pipeline).toBe('idx');
    expect(a.body.id).toMatch(/^00o[A-Za-z0-9]{17}$/);
    expect(a.body._links.organization.href).toBe(classic.url);
  });
});

describe('engine stored with the data', () => {
  it('refuses to start a classic folder as identity, and keeps the stored engine when none is asked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'local-org-engine-'));
    try {
      const first = await startLocalOrg({ dataDir, port: 0, policy: { scrypt: CHEAP_SCRYPT } });
      await first.close();
      await expect(startLocalOrg({ dataDir, port: 0, engine: 'identity' })).rejects.toBeInstanceOf(EngineMismatchError);
      await expect(startLocalOrg({ dataDir, port: 0, engine: 'identity' })).rejects.toThrow(/org:upgrade/);
      const again = await startLocalOrg({ dataDir, port: 0 });
      const known = (await (await fetch(`${again.url}/.well-known/okta-organization`)).json()) as { pipeline: string };
      expect(known.pipeline).toBe('v1');
      await again.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start an identity folder as classic', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'local-org-engine-'));
    try {
      const first = await startLocalOrg({ dataDir, port: 0, engine: 'identity' });
      await first.close();
      await expect(startLocalOrg({ dataDir, port: 0, engine: 'classic' })).rejects.toThrow(/cannot go back to classic/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the CLI refuses a mismatched serve with a clear message and upgrades a folder with org:upgrade', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'local-org-engine-cli-'));
    try {
      const first = await startLocalOrg({ dataDir, port: 0, policy: { scrypt: CHEAP_SCRYPT } });
      await first.close();
      const refused = await runCli(['serve', '--port', '0', '--data', dataDir, '--engine', 'identity']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/classic engine.*org:upgrade/);
      const bad = await runCli(['serve', '--port', '0', '--data', dataDir, '--engine', 'hybrid']);
      expect(bad.code).toBe(2);
      const upgraded = await runCli(['org:upgrade', '--data', dataDir]);
      expect(upgraded.code).toBe(0);
      expect(upgraded.stdout.trim()).toBe('ENGINE=identity');
      expect((await runCli(['org:engine', '--data', dataDir])).stdout.trim()).toBe('ENGINE=identity');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Four CLI processes: each starts Node and loads the org (seconds apiece on a loaded machine).
  }, 120_000);
});

describe('upgrade of a running classic org', () => {
  it('keeps users, factors and sessions; the Authn API goes on as on an upgraded org', async () => {
    const clock = manualClock(1_800_000_015_000);
    const t = await org('classic', clock);
    const { secret } = await t.activeUser('upgrade@garage.test', { totp: true });
    expect((await t.get('/login/getimage?username=upgrade@garage.test')).status).toBe(200);

    // A session opened on the classic org, before the upgrade.
    let tx = await signIn(t, 'upgrade@garage.test');
    tx = await t.post(tx.body._embedded.factors[0]._links.verify.href.replace(t.url, ''), { stateToken: tx.body.stateToken, passCode: totpAt(secret!, clock) });
    expect(tx.body.status).toBe('SUCCESS');
    const redirect = await t.get(`/login/sessionCookieRedirect?token=${tx.body.sessionToken}&redirectUrl=${encodeURIComponent(`${t.url}/diagnostics`)}`);
    expect(redirect.headers.get('set-cookie')).toMatch(/^sid=/);
    const sid = (redirect.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    expect((await t.post('/api/v1/org/upgrade', {})).status).toBe(401);
    const upgraded = await t.admin('POST', '/api/v1/org/upgrade');
    expect(upgraded.body).toMatchObject({ engine: 'identity', pipeline: 'idx', alreadyUpgraded: false });
    expect((await t.get('/.well-known/okta-organization')).body.pipeline).toBe('idx');

    // The session from before the upgrade is still valid.
    const me = await t.get('/api/v1/sessions/me', { Cookie: sid });
    expect(me.status).toBe(200);
    expect(me.body.login).toBe('upgrade@garage.test');

    // Authn still signs the user in with the factor enrolled before the upgrade; the hand-off now sets `idx`.
    clock.advance(30_000);
    tx = await signIn(t, 'upgrade@garage.test');
    expect(tx.body.status).toBe('MFA_REQUIRED');
    tx = await t.post(tx.body._embedded.factors[0]._links.verify.href.replace(t.url, ''), { stateToken: tx.body.stateToken, passCode: totpAt(secret!, clock) });
    expect(tx.body.status).toBe('SUCCESS');
    const after = await t.get(`/login/sessionCookieRedirect?token=${tx.body.sessionToken}&redirectUrl=${encodeURIComponent(`${t.url}/diagnostics`)}`);
    expect(after.status).toBe(302);
    expect(after.headers.get('set-cookie')).toMatch(/^idx=/);

    // No security image on an upgraded org.
    expect((await t.get('/login/getimage?username=upgrade@garage.test')).status).toBe(404);
    expect((await t.get('/login/security-images')).status).toBe(404);
    expect((await t.admin('POST', '/api/v1/org/upgrade')).body.alreadyUpgraded).toBe(true);
  });
});
