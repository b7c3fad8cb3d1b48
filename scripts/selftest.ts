/**
 * `node scripts/selftest.ts [--org <url>]`: the installer's self-test under plain Node (the packaged app
 * runs the same checks with `garage-signin --selftest`). Exit code 0 when everything passes, 1 otherwise.
 */
import { createEngineDetector } from '../main/auth/engine-detection.ts';
import { systemClock } from '../main/core/clock.ts';
import { createKeytarSecretStore } from '../main/keychain/keytar-secret-store.ts';
import { policyPath } from '../main/settings/machine-policy.ts';
import { loadMachinePolicy } from '../main/settings/policy-loader.ts';
import { renderReport, runSelfTest } from '../main/selftest/self-test.ts';
import { listYubiKeys } from '../main/yubikey/list-keys.ts';

const argIndex = process.argv.indexOf('--org');
// Run from source: development trust, and GARAGE_SIGNIN_POLICY may point elsewhere (the packaged app's --selftest does neither).
const policy = await loadMachinePolicy(policyPath(process.platform, process.env, { allowEnvOverride: true }), { trust: 'development' });
const orgUrl = (argIndex > 0 ? process.argv[argIndex + 1] : undefined) ?? (policy.ok ? policy.value?.orgUrl : undefined);
if (!orgUrl) {
  console.error('Usage: node scripts/selftest.ts --org <url>   (or a machine policy that names the org)');
  process.exit(2);
}
const http = { fetch: (input: string, init: Parameters<typeof fetch>[1]) => fetch(input, init), clock: systemClock, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
// The same engine detection as the app's; no sign-in here, so no authenticator list.
const detector = createEngineDetector({ ...http, orgUrl, pin: policy.ok ? policy.value?.engine : undefined });
const engine = async () => {
  const detected = await detector.detect();
  const fact = detected.ok ? detected.value : undefined;
  return { engine: fact && fact.source !== 'fallback' ? fact.engine : undefined, source: fact?.source ?? ('fallback' as const), failure: fact?.failure, authenticators: [] };
};
const report = await runSelfTest({ orgUrl, fetch: http.fetch, clock: systemClock, policy, keychain: () => createKeytarSecretStore().availability(),
  keychainRequired: policy.ok && policy.value?.desktopAuthenticator === true, listKeys: listYubiKeys, engine });
console.log(renderReport(report));
process.exit(report.ok ? 0 : 1);
