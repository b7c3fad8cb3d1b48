/**
 * The help request's diagnostics block: what support asks on the phone, collected for the technician to
 * read before sending. It reuses the installer self-test's org and clock checks (issue #7: "the same
 * checks feed the help request's diagnostics"). Nothing personal or secret: no username, token or password.
 */
import type { DiagnosticsView } from '../../preload/contract.ts';
import type { Check } from '../selftest/self-test.ts';
import type { CeremonyPath } from '../yubikey/path-choice.ts';
import type { OutboxCounts } from './help-outbox.ts';

export interface DiagnosticsInput {
  readonly orgUrl: string;
  readonly version: string;
  readonly platform: string;
  readonly screenId: string;
  /** How security keys are driven on this PC, and why: support's first question when a key fails. */
  readonly keyPath: CeremonyPath;
  /** The self-test's checks, run just now. */
  readonly checks: readonly Check[];
  /** Drift learned from the org's last answers, used when the self-test could not measure it. */
  readonly driftSeconds: number | undefined;
  readonly lastErrorCode: string | undefined;
  /** What the help outbox holds (unreadable files are support's to recover); absent when it cannot be read. */
  readonly outbox?: OutboxCounts | undefined;
}

export function diagnosticsView(input: DiagnosticsInput): DiagnosticsView {
  const org = input.checks.find((check) => check.id === 'org');
  const drift = input.checks.find((check) => check.id === 'clock')?.driftSeconds ?? input.driftSeconds;
  return {
    appVersion: input.version,
    os: input.platform.slice(0, 80),
    orgHost: new URL(input.orgUrl).host,
    orgReachable: org?.ok === true,
    ...(drift === undefined ? {} : { clockDriftSeconds: drift }),
    ...(input.lastErrorCode === undefined ? {} : { lastErrorCode: input.lastErrorCode }),
    screenId: input.screenId,
    securityKeyPath: input.keyPath.path,
    securityKeyPathReason: input.keyPath.reason,
    ...(input.outbox ? { helpOutbox: { ...input.outbox } } : {}),
  };
}
