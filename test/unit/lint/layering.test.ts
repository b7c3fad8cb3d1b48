import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The runtime-by-folder rule (conventions §4.1) is only worth something if it fires: these cases prove it does. */
const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === '@typescript-eslint/no-restricted-imports');
}

describe('layering lint rule', () => {
  it.each([
    ['a main service importing electron', 'main/auth/example.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['the local org importing the auth client', 'main/local-org/example.ts', "import { createAuthService } from '../auth/auth-service.ts';\nexport const x = createAuthService;"],
    ['the renderer importing Node', 'renderer/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['the renderer importing a main service', 'renderer/example.ts', "import { compose } from '../main/compose.ts';\nexport const x = compose;"],
    ['the renderer importing electron', 'renderer/example.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['the preload importing a main service', 'preload/example.ts', "import { compose } from '../main/compose.ts';\nexport const x = compose;"],
    ['a main module importing test support', 'main/start/example.ts', "import { startStack } from '../../test/support/bootstrap.ts';\nexport const x = startStack;"],
    ['the local org importing test support', 'main/local-org/example.ts', "import { x as y } from '../../test/support/local-org/test-org.ts';\nexport const x = y;"],
    ['the Electron shell importing test support', 'main/shell/example.ts', "import { fakeIpcMain } from '../../test/support/fakes/fake-electron.ts';\nexport const x = fakeIpcMain;"],
    ['a script importing test support', 'scripts/example.ts', "import { startStack } from '../test/support/bootstrap.ts';\nexport const x = startStack;"],
    ['the renderer importing a value (and so zod) from the contract', 'renderer/example.ts', "import { channels } from '../preload/contract.ts';\nexport const x = channels;"],
  ])('refuses %s', async (_case, file, code) => {
    expect(await restricted(file, code)).toBe(true);
  });

  it.each([
    ['the browser shell importing the start-up', 'main/browser-shell/example.ts', "import { startApp } from '../start/start-app.ts';\nexport const x = startApp;"],
    ['the shell importing electron', 'main/shell/example.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['the preload importing the error codes', 'preload/example.ts', "import { APP_ERROR_CODES } from '../main/core/errors.ts';\nexport const x = APP_ERROR_CODES;"],
    ['the renderer importing contract types', 'renderer/example.ts', "import type { GarageApi } from '../preload/contract.ts';\nexport type X = GarageApi;"],
  ])('allows %s', async (_case, file, code) => {
    expect(await restricted(file, code)).toBe(false);
  });
});
