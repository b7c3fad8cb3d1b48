import { beforeEach, describe, expect, it, vi } from 'vitest';

const updater = {
  setFeedURL: vi.fn(),
  checkForUpdates: vi.fn(async () => null),
  allowPrerelease: false,
  autoDownload: false,
  autoInstallOnAppQuit: false,
};
vi.mock('electron-updater', () => ({ default: { autoUpdater: updater } }));
vi.mock('electron', () => ({ default: {} }));
const { startAutoUpdates } = await import('../../../../main/shell/auto-updater.ts');

describe('auto-updater adapter', () => {
  beforeEach(() => vi.clearAllMocks());

  it('points electron-updater at the generic feed, downloads in the background and installs on quit', () => {
    const stop = startAutoUpdates({ action: 'check', feedUrl: 'https://u.example/', channel: 'beta', allowPrerelease: true, intervalMs: 86_400_000, installOnQuit: true }, () => undefined);
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://u.example/', channel: 'beta' });
    expect(updater).toMatchObject({ allowPrerelease: true, autoDownload: true, autoInstallOnAppQuit: true });
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
    stop();
  });

  it('offline at start-up: the daily retry checks the policy’s feed, never the placeholder of app-update.yml', () => {
    vi.useFakeTimers();
    try {
      const stop = startAutoUpdates({ action: 'retry-later', reason: 'offline', feedUrl: 'https://u.example/', channel: 'stable', allowPrerelease: false, intervalMs: 86_400_000, installOnQuit: true }, () => undefined);
      expect(updater.checkForUpdates).not.toHaveBeenCalled();
      vi.advanceTimersByTime(86_400_000);
      expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://u.example/', channel: 'latest' });
      expect(updater.checkForUpdates).toHaveBeenCalledOnce();
      expect(updater.setFeedURL.mock.invocationCallOrder[0]).toBeLessThan(updater.checkForUpdates.mock.invocationCallOrder[0] ?? 0);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('does nothing at all for a managed install, and says why', () => {
    const log = vi.fn();
    startAutoUpdates({ action: 'none', reason: 'managed-by-policy' }, log);
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('update.off', { reason: 'managed-by-policy' });
  });
});
