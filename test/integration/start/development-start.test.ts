/**
 * A run from source (development, the preview, tests) keeps its environment overrides, reads the policy
 * named by GARAGE_SIGNIN_POLICY in development trust, and names every override in force for the help page.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type RunningApp } from '../../../main/start/start-app.ts';
import { fakeElectronPlatform } from '../../support/start/fake-electron-platform.ts';

vi.mock('electron', () => ({ default: {} }));

let dir: string;
let running: RunningApp;
const asked: Array<{ file: string; trust: string }> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'garage-dev-start-'));
  const policyFile = join(dir, 'pilot-policy.json');
  await writeFile(policyFile, JSON.stringify({ supportPhone: '1-800-555-0199' }), { mode: 0o644 });
  const fake = fakeElectronPlatform({ userData: join(dir, 'data'), env: { GARAGE_SIGNIN_POLICY: policyFile, GARAGE_SIGNIN_SUPPORT_URL: 'http://localhost:9/support' } });
  const outcome = await startApp(
    { ...fake.platform, isPackaged: false },
    {
      appOrigins: ['app://garage'],
      policyLoader: async (file, os, trust) => {
        asked.push({ file, trust });
        const { loadMachinePolicy } = await import('../../../main/settings/policy-loader.ts');
        return loadMachinePolicy(file, os);
      },
    },
  );
  if (outcome.kind !== 'running') throw new Error('exited');
  running = outcome.app;
});

afterAll(async () => {
  await running?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a run from source', () => {
  it('reads the policy the environment names, in development trust', () => {
    expect(asked).toEqual([{ file: join(dir, 'pilot-policy.json'), trust: 'development' }]);
    expect(running.startConfiguration.policy).toEqual({ supportPhone: '1-800-555-0199' });
    expect(running.config.supportUrl).toBe('http://localhost:9/support');
  });

  it('names the overrides in force, for the help page', async () => {
    const info = await running.composition.handlers['app.info']({});
    expect(info).toMatchObject({ ok: true, value: { developmentOverrides: ['policy', 'supportUrl'] } });
  });
});
