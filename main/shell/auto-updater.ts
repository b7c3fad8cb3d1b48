/**
 * electron-updater, driven by the plain decision of main/update/update-policy.ts. Generic provider with the
 * feed URL from the machine policy; downloads in the background, installs when the app quits. Signature
 * verification of downloads is electron-updater's default and is left on; on Windows it needs the
 * publisherName of resources/app-update.yml (scripts/update-signing.ts).
 */
import electronUpdater from 'electron-updater';
import type { UpdateDecision } from '../update/update-policy.ts';

export function startAutoUpdates(decision: UpdateDecision, log: (event: string, data?: Record<string, unknown>) => void): () => void {
  if (decision.action === 'none') {
    log('update.off', { reason: decision.reason });
    return () => undefined;
  }
  const { autoUpdater } = electronUpdater;
  // Always the policy's feed, set before any check: app-update.yml's URL is only a placeholder (electron-builder.yml).
  autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl, channel: decision.channel === 'beta' ? 'beta' : 'latest' });
  autoUpdater.allowPrerelease = decision.allowPrerelease;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = decision.installOnQuit;
  const check = () => {
    autoUpdater.checkForUpdates().catch((error: unknown) => log('update.failed', { error: error instanceof Error ? error.message : String(error) }));
  };
  if (decision.action === 'check') check();
  const timer = setInterval(check, decision.intervalMs);
  return () => clearInterval(timer);
}
