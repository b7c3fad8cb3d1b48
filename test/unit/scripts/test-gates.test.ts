/**
 * The test runners' own settings that decide whether a run that tested little can still pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import playwrightConfig from '../../e2e/playwright.config.ts';
import viteConfig from '../../../vite.config.ts';

const root = join(import.meta.dirname, '../../..');

describe('test gates fail closed', () => {
  it('vitest refuses a stray .only and a run that found no test file', async () => {
    const config = typeof viteConfig === 'function' ? await viteConfig({ mode: 'test', command: 'serve' }) : viteConfig;
    expect(config.test).toMatchObject({ allowOnly: false, passWithNoTests: false });
  });

  it('playwright refuses a stray test.only', () => {
    expect(playwrightConfig.forbidOnly).toBe(true);
  });

  it('the release workflow requires the Electron binary, so its end-to-end test cannot pass by skipping', () => {
    const workflow = load(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as { jobs: Record<string, { steps: Array<{ run?: string; env?: Record<string, string> }> }> };
    const step = workflow.jobs['electron-e2e']?.steps.find((s) => s.run?.includes('electron-app.spec.ts'));
    expect(step?.env).toMatchObject({ GARAGE_REQUIRE_ELECTRON: '1' });
  });
});
