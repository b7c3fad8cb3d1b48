/**
 * Whether and how the app updates itself: plain decisions over plain inputs (issue #9). Managed installs
 * win: a machine policy saying `updates: "managed"`, or a per-machine MSI install that a deployment tool
 * owns, means the app never updates itself and says who does.
 */
export interface UpdateInputs {
  readonly isPackaged: boolean;
  readonly policy?: { readonly updates?: 'auto' | 'managed' | undefined; readonly channel?: 'stable' | 'beta' | undefined; readonly updateUrl?: string | undefined } | undefined;
  /** Installed per machine by the MSI package (a deployment tool owns upgrades then). */
  readonly msiInstall: boolean;
  readonly online: boolean;
}

interface Feed {
  readonly feedUrl: string;
  readonly channel: 'stable' | 'beta';
  readonly allowPrerelease: boolean;
  /** Check every day (and at start-up when online); download in the background; install when the app quits. */
  readonly intervalMs: number;
  readonly installOnQuit: true;
}

export type UpdateDecision =
  | ({ readonly action: 'check' } & Feed)
  // Offline at start-up: the same feed, first checked a day later (the updater must never check without it).
  | ({ readonly action: 'retry-later'; readonly reason: 'offline' } & Feed)
  | { readonly action: 'none'; readonly reason: 'development' | 'managed-by-policy' | 'msi-install' | 'no-feed' };

export const DAY_MS = 24 * 60 * 60 * 1000;

export function decideUpdates(inputs: UpdateInputs): UpdateDecision {
  if (!inputs.isPackaged) return { action: 'none', reason: 'development' };
  if (inputs.policy?.updates === 'managed') return { action: 'none', reason: 'managed-by-policy' };
  if (inputs.msiInstall) return { action: 'none', reason: 'msi-install' };
  const feedUrl = inputs.policy?.updateUrl;
  if (!feedUrl) return { action: 'none', reason: 'no-feed' };
  const channel = inputs.policy?.channel ?? 'stable';
  const feed: Feed = { feedUrl, channel, allowPrerelease: channel === 'beta', intervalMs: DAY_MS, installOnQuit: true };
  if (!inputs.online) return { action: 'retry-later', reason: 'offline', ...feed };
  return { action: 'check', ...feed };
}

/**
 * MSI or NSIS on Windows: the NSIS installer leaves its uninstaller beside the executable, the MSI does not
 * (Windows Installer keeps it). Elsewhere there is no MSI.
 */
export function isMsiInstall(platform: NodeJS.Platform, filesBesideExecutable: readonly string[]): boolean {
  return platform === 'win32' && !filesBesideExecutable.some((name) => /^Uninstall .*\.exe$/i.test(name));
}
