/**
 * Local org throughput and latency over loopback with the product password hash (scrypt N=2^15,
 * r=8, p=3): password sign-ins per second (concurrent clients, each answer MFA_REQUIRED) and the
 * p50/p95 latency of a full password + TOTP sign-in (two round trips ending in SUCCESS).
 * The org's clock is a manual one moved 30 s per sign-in so every TOTP code is fresh (replay guard).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateSync } from 'otplib';
import { manualClock } from '../main/core/clock.ts';
import { startLocalOrg } from '../main/local-org/server.ts';
import { PRODUCT_SCRYPT, hashSecret } from '../main/local-org/security/password-hash.ts';

const PASSWORD = 'Atelier-2024';
const USERS = 8;
const CONCURRENCY = 4;
const THROUGHPUT_SIGN_INS = 48;
const LATENCY_SAMPLES = 30;

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export default async function bench(): Promise<{ name: string; figures: Record<string, number | string> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-org-bench-'));
  const clock = manualClock(Date.now());
  const org = await startLocalOrg({ dataDir, clock, policy: { userPerMinute: 1_000_000, ipPerMinute: 1_000_000 } });
  try {
    const admin = { Authorization: `SSWS ${org.adminToken}` };
    const users: { login: string; secret: string }[] = [];
    for (let i = 0; i < USERS; i += 1) {
      const login = `bench${i}@garage.test`;
      const user = await post(`${org.url}/api/v1/users?activate=true`, { profile: { firstName: 'B', lastName: 'N', email: login, login }, credentials: { password: { value: PASSWORD } } }, admin);
      const factor = await post(`${org.url}/api/v1/users/${String(user.id)}/factors?activate=true`, { factorType: 'token:software:totp', provider: 'GOOGLE' }, admin);
      users.push({ login, secret: String((factor._embedded as { activation: { sharedSecret: string } }).activation.sharedSecret) });
    }

    const hashStart = performance.now();
    await hashSecret(PASSWORD, PRODUCT_SCRYPT);
    const hashMs = performance.now() - hashStart;

    let next = 0;
    const throughputStart = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < THROUGHPUT_SIGN_INS) {
          const user = users[next % USERS] as { login: string };
          next += 1;
          const tx = await post(`${org.url}/api/v1/authn`, { username: user.login, password: PASSWORD });
          if (tx.status !== 'MFA_REQUIRED') throw new Error(`unexpected ${String(tx.status)}`);
        }
      }),
    );
    const signInsPerSecond = THROUGHPUT_SIGN_INS / ((performance.now() - throughputStart) / 1000);

    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
      clock.advance(30_000);
      const user = users[i % USERS] as { login: string; secret: string };
      const passCode = generateSync({ secret: user.secret, epoch: Math.floor(clock.nowMs() / 1000) });
      const start = performance.now();
      const tx = await post(`${org.url}/api/v1/authn`, { username: user.login, password: PASSWORD });
      const factor = ((tx._embedded as { factors: { id: string }[] }).factors[0] as { id: string }).id;
      const done = await post(`${org.url}/api/v1/authn/factors/${factor}/verify`, { stateToken: tx.stateToken, passCode });
      latencies.push(performance.now() - start);
      if (done.status !== 'SUCCESS') throw new Error(`unexpected ${String(done.status)}`);
    }
    latencies.sort((a, b) => a - b);
    return {
      name: 'local-org',
      figures: {
        hashParameters: `scrypt N=2^${PRODUCT_SCRYPT.logN} r=${PRODUCT_SCRYPT.r} p=${PRODUCT_SCRYPT.p}`,
        singleHashMs: Math.round(hashMs * 10) / 10,
        passwordSignInsPerSecond: Math.round(signInsPerSecond * 10) / 10,
        concurrentClients: CONCURRENCY,
        passwordTotpSignInP50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
        passwordTotpSignInP95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
        samples: LATENCY_SAMPLES,
      },
    };
  } finally {
    await org.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node bench/local-org.bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await bench(), null, 2));
