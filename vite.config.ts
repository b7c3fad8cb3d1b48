import { builtinModules } from 'node:module';
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

function main(): UserConfig {
  return {
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
