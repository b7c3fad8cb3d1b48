import { builtinModules } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * One file, three bundles chosen by `--mode` (conventions §2):
 *  - renderer: the React app, served from the packaged app or by the preview bridge;
 *  - preload: ONE self-contained CommonJS file (the sandbox only lets a preload `require('electron')`);
 *  - main: the Electron main process, dependencies left external (electron-builder ships node_modules).
 * Without a mode (vitest), the `test` block applies.
 */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};
const nodeExternals = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron', ...Object.keys(pkg.dependencies)];

function renderer(): UserConfig {
  return {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: false, target: 'chrome140' },
  };
}

function preload(): UserConfig {
  return {
    build: {
      outDir: 'out/preload',
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      target: 'node22',
      lib: { entry: 'preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
      rollupOptions: { external: ['electron'], output: { codeSplitting: false } },
    },
  };
}

/** Build identity embedded in the main bundle (main/build-info.ts): support reads it in diagnostics. */
function buildIdentity(): string {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  const dirty = git(['status', '--porcelain']) === '' ? '' : '+changes';
  return JSON.stringify({
    version: (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version,
    commit: `${git(['rev-parse', 'HEAD'])}${dirty}`,
    builtAt: new Date().toISOString(),
    signing: process.env.GARAGE_BUILD_SIGNING === 'signed' ? 'signed' : 'unsigned',
  });
}

function main(): UserConfig {
  return {
    define: { __GARAGE_BUILD__: buildIdentity() },
    build: {
      outDir: 'out/main',
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      target: 'node22',
      ssr: 'main/index.ts',
      rollupOptions: {
        external: (id) => nodeExternals.some((name) => id === name || id.startsWith(`${name}/`)),
        output: { format: 'es', entryFileNames: 'index.js' },
      },
    },
    ssr: { noExternal: [] },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'renderer') return renderer();
  if (mode === 'preload') return preload();
  if (mode === 'main') return main();
  return {
    test: {
      include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 30_000,
      pool: 'forks',
      server: { deps: { inline: ['electron-store'] } },
    },
  };
});
