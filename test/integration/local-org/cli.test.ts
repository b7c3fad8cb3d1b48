import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, serveCli, type ServingOrg } from '../../support/local-org/cli-process.ts';
import { readOutbox } from '../../../main/local-org/mail/outbox-reader.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'local-org-cli-'));
let served: ServingOrg;

beforeAll(async () => {
  served = await serveCli(['--port', '0', '--data', dataDir]);
});
afterAll(async () => {
  if (served.child.exitCode === null) served.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run org -- serve', () => {
  it('prints LOCAL_ORG_URL first and LOCAL_ORG_ADMIN_TOKEN on the next line', () => {
    expect(served.lines[0]).toMatch(/^LOCAL_ORG_URL=http:\/\/localhost:\d+$/);
    expect(served.lines[1]).toMatch(/^LOCAL_ORG_ADMIN_TOKEN=\S{30,}$/);
    expect(served.lines.filter((line) => line.startsWith('LOCAL_ORG_URL='))).toHaveLength(1);
  });

  it('seeds a demo org on first start and lists its users', async () => {
    await served.waitFor((lines) => lines.filter((line) => line.startsWith('DEMO_USER=')).length === 5);
    const demo = served.lines.filter((line) => line.startsWith('DEMO_USER='));
    expect(demo.map((line) => line.split(' ')[1])).toEqual(['status=PROVISIONED', 'status=ACTIVE', 'status=ACTIVE', 'status=LOCKED_OUT', 'status=ACTIVE']);
    const users = await fetch(`${served.url}/api/v1/users`, { headers: { Authorization: `SSWS ${served.adminToken}` } });
    expect(((await users.json()) as unknown[]).length).toBe(5);
  });
});

describe('user commands', () => {
  it('user:create prints ACTIVATION_URL with a working activation token and e-mails the user', async () => {
    const result = await runCli(['user:create', '--data', dataDir, '--email', 'cli@garage.test', '--first', 'Cli', '--last', 'User', '--locale', 'fr']);
    expect(result.code).toBe(0);
    const url = result.stdout.trim().match(/^ACTIVATION_URL=(.+)$/)?.[1] ?? '';
    expect(url.startsWith(`${served.url}/welcome/`)).toBe(true);
    const token = url.split('/').pop();
    const authn = await fetch(`${served.url}/api/v1/authn`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(((await authn.json()) as { status: string }).status).toBe('PASSWORD_RESET');
    expect(readOutbox(dataDir).find((m) => m.to === 'cli@garage.test')?.subject).toContain('Activez');
  });

  it('user:list prints one tab-separated line per user', async () => {
    const result = await runCli(['user:list', '--data', dataDir]);
    const rows = result.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.find((row) => row[0] === 'julie.roy@garage.example')?.slice(1, 2)).toEqual(['ACTIVE']);
    expect(rows.find((row) => row[0] === 'cli@garage.test')?.[1]).toBe('PROVISIONED');
  });

  it('user:reset-factors and user:unlock act on the same data while the server runs', async () => {
    const reset = await runCli(['user:reset-factors', '--data', dataDir, '--email', 'julie.roy@garage.example']);
    expect(reset.stdout.trim()).toBe('FACTORS_RESET=1');
    const unlock = await runCli(['user:unlock', '--data', dataDir, '--email', 'luc.gagnon@garage.example']);
    expect(unlock.stdout.trim()).toBe('UNLOCKED=luc.gagnon@garage.example');
    const signIn = await fetch(`${served.url}/api/v1/authn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'luc.gagnon@garage.example', password: 'Atelier-2024' }),
    });
    expect(((await signIn.json()) as { status: string }).status).toBe('MFA_REQUIRED');
  });

  it.each([
    ['an unknown command', ['user:explode', '--data', 'x'], 2],
    ['a missing --email', ['user:unlock', '--data', dataDir], 2],
    ['a bad locale', ['user:create', '--data', dataDir, '--email', 'l@garage.test', '--first', 'a', '--last', 'b', '--locale', 'de'], 2],
    ['an unknown user', ['user:unlock', '--data', dataDir, '--email', 'nobody@garage.test'], 2],
    ['unlocking a user who is not locked', ['user:unlock', '--data', dataDir, '--email', 'marc.tremblay@garage.example'], 1],
  ])('exits with a non-zero code on %s and prints nothing on stdout', async (_case, args, code) => {
    const result = await runCli(args);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toBe('');
  });
});

describe('support commands', () => {
  it('request:list shows an open help request and request:resolve --reset-factors resets and closes it', async () => {
    const sent = await fetch(`${served.url}/api/v1/support/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'luc.gagnon@garage.example', reason: 'Cannot log in', message: 'Téléphone perdu' }),
    });
    const { reference } = (await sent.json()) as { reference: string };
    const list = await runCli(['request:list', '--data', dataDir]);
    expect(list.stdout.split('\n').find((line) => line.startsWith(reference))?.split('\t').slice(1, 4)).toEqual(['OPEN', 'luc.gagnon@garage.example', 'Cannot log in']);
    const resolved = await runCli(['request:resolve', '--data', dataDir, '--ref', reference, '--reset-factors']);
    expect(resolved.stdout.trim().split('\n')).toEqual(['FACTORS_RESET=1', `RESOLVED=${reference}`]);
    expect((await runCli(['request:list', '--data', dataDir])).stdout).not.toContain(reference);
    expect(readOutbox(dataDir).filter((m) => m.to === 'luc.gagnon@garage.example').pop()?.subject).toContain('réinitialisée');
  });

  it('yubikey:add registers a seed and admin:grant gives the support role', async () => {
    const added = await runCli(['yubikey:add', '--data', dataDir, '--public-id', 'vvccccdeflgh', '--private-id', '0123456789ab', '--aes-key', '00112233445566778899aabbccddeeff']);
    expect(added.stdout.trim()).toBe('YUBIKEY_ADDED=vvccccdeflgh');
    const keys = await fetch(`${served.url}/api/v1/org/factors/yubikey_token/tokens`, { headers: { Authorization: `SSWS ${served.adminToken}` } });
    expect(await keys.json()).toEqual([expect.objectContaining({ id: 'vvccccdeflgh', status: 'UNASSIGNED' })]);
    expect((await runCli(['yubikey:add', '--data', dataDir, '--public-id', 'nope!', '--private-id', 'x', '--aes-key', 'y'])).code).toBe(2);
    expect((await runCli(['admin:grant', '--data', dataDir, '--email', 'marc.tremblay@garage.example'])).stdout.trim()).toBe('ADMIN_GRANTED=marc.tremblay@garage.example');
  });
});

describe('shutdown', () => {
  it('stops cleanly on SIGTERM', async () => {
    served.child.kill('SIGTERM');
    expect(await served.exited()).toBe(0);
  });
});
