/** A run from source reports the version the next build will carry, not a number frozen in the code. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_BUILD, buildInfo } from '../../../main/build-info.ts';
import { browserPlatform } from '../../../main/browser-shell/browser-platform.ts';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };

describe('the source tree build', () => {
  it('carries package.json version', () => {
    expect(DEVELOPMENT_BUILD.version).toBe(manifest.version);
    expect(buildInfo()).toEqual(DEVELOPMENT_BUILD);
  });

  it('is the version the browser preview reports', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'garage-build-info-'));
    try {
      const platform = browserPlatform({ dataDir, log: { info() {}, warn() {}, error() {}, debug() {} } as never, emit: () => undefined });
      expect(platform.version).toBe(manifest.version);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
