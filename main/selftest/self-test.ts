/**
 * The installer's self-test (`garage-signin --selftest`, `node scripts/selftest.ts`, and the help
 * request's diagnostics): org reachable over TLS through the app's own network stack, clock in step with
 * the org, OS keychain usable, YubiKeys visible, machine policy valid. A plain report, and an exit code
 * deployment tools can act on.
 */
import type { FetchLike } from '../auth/authn-http.ts';
import type { Clock } from '../core/clock.ts';
import type { AppErrorCode } from '../core/errors.ts';
import type { Result } from '../core/result.ts';
import type { CeremonyPath } from '../yubikey/path-choice.ts';

/** How this PC drives security keys, for the report an installer reads (path-choice.ts). */
const PATH_TEXT: Readonly<Record<CeremonyPath['reason'], string>> = {
  'browser-preview': 'security keys in the page (browser preview)',
  'hid-available': 'security keys driven by the app over USB',
  'windows-admin': 'security keys driven by the app over USB (running as administrator)',
  'windows-hid-needs-admin': "security keys through Windows' security-key window (USB access needs administrator rights)",
};

/** Beyond this, TOTP codes from a phone fail and TLS certificates may look invalid (issue #5). */
export const MAX_DRIFT_SECONDS = 30;

export interface Check {
  readonly id: 'policy' | 'org' | 'clock' | 'engine' | 'keychain' | 'yubikey';
  readonly ok: boolean;
  /** Failures carry a code; warnings (no key plugged) pass with a note. */
  readonly code?: AppErrorCode | 'E_CLOCK_DRIFT';
  readonly detail: string;
  /** The clock check's measurement: this computer's clock minus the org's, in seconds. */
  readonly driftSeconds?: number;
}

export interface SelfTestDeps {
  readonly orgUrl: string;
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly policy: Result<unknown>;
  readonly keychain: () => Promise<Result<true>>;
  /** The keychain matters only where the policy lets the app hold a TOTP seed; elsewhere its absence is a note. */
  readonly keychainRequired: boolean;
  readonly listKeys: () => Promise<ReadonlyArray<{ product: string }>>;
  readonly keyPath?: CeremonyPath;
  readonly timeoutMs?: number;
  /** Which Okta engine the org runs (the app's engine detection); the standalone script has none and skips the check. */
  readonly engine?: () => Promise<EngineFact>;
}

/** The engine as the app's detection found it, and on Identity Engine the org's authenticators it has seen. */
export interface EngineFact {
  /** Undefined when the org did not say (then the app signs in with Classic). */
  readonly engine: 'classic' | 'identity' | undefined;
  readonly source: 'org' | 'policy' | 'fallback';
  readonly failure?: AppErrorCode | undefined;
  /** Authenticator keys the org named in the last Identity Engine sign-in; empty before one. */
  readonly authenticators: readonly string[];
}

const ENGINE_NAME = { classic: 'Classic Engine (Authn API)', identity: 'Identity Engine (IDX)' } as const;

/** The engine line: what the org runs (or the policy pins), and on Identity Engine its authenticators. */
export function engineCheck(fact: EngineFact): Check {
  if (!fact.engine || fact.source === 'fallback') {
    return { id: 'engine', ok: false, code: fact.failure ?? 'E_AUTH_ENGINE_UNKNOWN', detail: 'the org did not say which Okta engine it runs (/.well-known/okta-organization); sign-ins use Classic' };
  }
  const how = fact.source === 'policy' ? ' (pinned by the machine policy)' : '';
  const authenticators = fact.engine === 'identity' ? `; authenticators: ${fact.authenticators.length ? fact.authenticators.join(', ') : 'known after a sign-in'}` : '';
  return { id: 'engine', ok: true, detail: `${ENGINE_NAME[fact.engine]}${how}${authenticators}` };
}

async function orgAndClock(deps: SelfTestDeps): Promise<Check[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? 10_000);
  try {
    const response = await deps.fetch(new URL('/api/v1/authn', deps.orgUrl).toString(), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{}', signal: controller.signal, redirect: 'manual' });
    await response.arrayBuffer().catch(() => undefined);
    const org: Check = { id: 'org', ok: true, detail: `${new URL(deps.orgUrl).host} answered (HTTP ${response.status})` };
    const date = Date.parse(response.headers.get('date') ?? '');
    if (!Number.isFinite(date)) return [org, { id: 'clock', ok: true, detail: 'the org sent no Date header; drift unknown' }];
    const drift = Math.round((deps.clock.nowMs() - date) / 1000);
    const clock: Check = Math.abs(drift) > MAX_DRIFT_SECONDS
      ? { id: 'clock', ok: false, code: 'E_CLOCK_DRIFT', driftSeconds: drift, detail: `this computer's clock is ${drift} s off the org's (limit ${MAX_DRIFT_SECONDS} s): set time to automatic` }
      : { id: 'clock', ok: true, driftSeconds: drift, detail: `${drift} s from the org's clock` };
    return [org, clock];
  } catch (error) {
    const code: AppErrorCode = controller.signal.aborted ? 'E_NET_TIMEOUT' : 'E_NET_UNREACHABLE';
    const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return [
      { id: 'org', ok: false, code, detail: `${deps.orgUrl} cannot be reached: ${why}` },
      { id: 'clock', ok: false, code, detail: 'not checked: the org did not answer' },
    ];
  } finally {
    clearTimeout(timer);
  }
}

export async function runSelfTest(deps: SelfTestDeps): Promise<{ ok: boolean; checks: Check[] }> {
  const checks: Check[] = [];
  checks.push(deps.policy.ok ? { id: 'policy', ok: true, detail: deps.policy.value ? 'machine policy valid' : 'no machine policy (defaults)' } : { id: 'policy', ok: false, code: deps.policy.error.code, detail: `policy file problem: ${(deps.policy.error.fields ?? []).join(', ')}` });
  checks.push(...(await orgAndClock(deps)));
  if (deps.engine) checks.push(engineCheck(await deps.engine()));
  const keychain = await deps.keychain();
  if (keychain.ok) checks.push({ id: 'keychain', ok: true, detail: 'OS keychain usable' });
  else if (deps.keychainRequired) checks.push({ id: 'keychain', ok: false, code: keychain.error.code, detail: 'OS keychain not usable, but the policy enables the desktop authenticator' });
  else checks.push({ id: 'keychain', ok: true, detail: `OS keychain not usable (${keychain.error.code}); not needed: the desktop authenticator is off` });
  const keys = await deps.listKeys().catch(() => undefined);
  const path = deps.keyPath ? `; ${PATH_TEXT[deps.keyPath.reason]}` : '';
  // Windows without admin rights cannot list FIDO keys either; its OS path needs no listing, so that is no failure.
  const listingOptional = deps.keyPath?.path === 'os-webauthn';
  checks.push(
    keys === undefined
      ? { id: 'yubikey', ok: listingOptional, ...(listingOptional ? {} : { code: 'E_HID_ACCESS_DENIED' as const }), detail: `USB devices cannot be listed${path}` }
      : { id: 'yubikey', ok: true, detail: `${keys.length ? keys.map((key) => key.product).join(', ') : 'no YubiKey plugged in'}${path}` },
  );
  return { ok: checks.every((check) => check.ok), checks };
}

export function renderReport(report: { ok: boolean; checks: ReadonlyArray<{ id: string; ok: boolean; code?: string | undefined; detail: string }> }): string {
  const lines = report.checks.map((check) => `${check.ok ? 'OK  ' : 'FAIL'}  ${check.id.padEnd(8)}  ${check.detail}${check.code ? `  [${check.code}]` : ''}`);
  return [`Garage Sign-In self-test: ${report.ok ? 'PASS' : 'FAIL'}`, ...lines].join('\n');
}
