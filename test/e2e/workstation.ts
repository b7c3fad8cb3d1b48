/** A workstation of its own for one test: a machine policy file, a stack on real time, a page on it. */
import type { Page } from '@playwright/test';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from '../support/bootstrap.ts';
import { test as base } from './fixtures.ts';

function policyFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'garage-policy-e2e-')), 'policy.json');
  writeFileSync(file, content);
  chmodSync(file, 0o644);
  return file;
}

/** Each test gets a workstation with its own policy file. */
export const test = base.extend<{ workstation: (policy: string) => Promise<{ stack: Stack; page: Page }> }>({
  workstation: async ({ page, engine }, use) => {
    const stacks: Stack[] = [];
    await use(async (policy) => {
      const stack = await startStack({ policyFile: policyFile(policy), engine });
      stacks.push(stack);
      await page.goto(stack.bridge.url);
      return { stack, page };
    });
    for (const stack of stacks) await stack.close();
  },
});

