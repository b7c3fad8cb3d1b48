import { builtinModules } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin, type UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { firstScreenCatalog } from './scripts/first-screen-catalog.ts';

/**
 * One file, three bundles chosen by `--mode` (conventions §2):
 *  - renderer: the React app, served from the packaged app or by the preview bridge;
 *  - preload: self-contained CommonJS files, one per window (the sandbox only lets a preload `require('electron')`);
 *  - main: the Electron main process, dependencies left external (electron-builder ships node_modules).
 * Without a mode (vitest), the `test` block applies.
 */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};
const nodeExternals = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron', ...Object.keys(pkg.dependencies)];

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer build also builds the first frame (below), so the two never come from different sources:
 * main draws HTML the page then hydrates, and a mismatch would cost the technician what they typed.
 */
function withFirstFrame(): Plugin {
  return {
    name: 'garage-first-frame',
    apply: 'build',
    async closeBundle() {
      await build({ configFile: fileURLToPath(import.meta.url), mode: 'first-frame', logLevel: 'warn' });
    },
  };
}

function renderer(): UserConfig {
  return {
    root: 'renderer',
    base: './',
    plugins: [react(), firstScreenCatalog(projectRoot), withFirstFrame()],
    build: {
      outDir: '../out/renderer',
      emptyOutDir: true,
      sourcemap: false,
      target: 'chrome140',
      // Chromium has module preload built in: no polyfill in the start-up chunk.
      modulePreload: { polyfill: false },
      // The app, and the OS WebAuthn window's page (served on the org origin, main/shell/os-webauthn-window.ts).
      rollupOptions: { input: { index: 'renderer/index.html', 'os-webauthn': 'renderer/os-webauthn.html' } },
    },
  };
}

/**
 * The sign-in screen drawn as HTML by main (renderer/first-frame.tsx, main/start/first-frame.ts): one
 * CommonJS file for Node with every import inside it, React included.
 */
function firstFrame(): UserConfig {
  return {
    plugins: [react(), firstScreenCatalog(projectRoot)],
    // React's production build, inside the file: the same React the page runs, whatever NODE_ENV main has.
    define: { 'process.env.NODE_ENV': '"production"' },
    ssr: { noExternal: true },
    build: {
      outDir: 'out/first-frame',
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      target: 'node22',
      ssr: 'renderer/first-frame.tsx',
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'first-frame.cjs', codeSplitting: false } },
    },
  };
}

/** One build per preload: a sandboxed preload cannot require a shared chunk, so each is a single file. */
function preload(entry: string, name: string, emptyOutDir: boolean): UserConfig {
  return {
    build: {
      outDir: 'out/preload',
      emptyOutDir,
      sourcemap: false,
      minify: false,
      target: 'node22',
      lib: { entry, formats: ['cjs'], fileName: () => `${name}.cjs` },
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
  if (mode === 'first-frame') return firstFrame();
  if (mode === 'preload') return preload('preload/index.ts', 'index', true);
  // The OS WebAuthn window's preload: two functions (main/shell/os-webauthn-window.ts).
  if (mode === 'preload-os-webauthn') return preload('preload/os-webauthn.ts', 'os-webauthn', false);
  if (mode === 'main') return main();
  return {
    test: {
      include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
      environment: 'node',
      testTimeout: 30_000,
      // Fail closed: a stray .only would run one test and pass; no test files found is a failure.
      allowOnly: false,
      passWithNoTests: false,
      hookTimeout: 30_000,
      pool: 'forks',
      server: { deps: { inline: ['electron-store'] } },
    },
  };
});
