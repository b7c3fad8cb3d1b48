import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { electronBinary } from '../../../scripts/electron-binary.ts';

describe('electronBinary', () => {
  it('finds the installed binary without requiring the package, so a missing one starts no download and prints nothing', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const binary = electronBinary();
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
    if (binary !== undefined) expect(existsSync(binary)).toBe(true);
  });

  it('answers undefined for a distribution folder that holds no binary', () => {
    expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist' })).toBeUndefined();
  });
});
