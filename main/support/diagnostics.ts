/**
 * The help request's diagnostics block: what support asks on the phone, collected for the technician to
 * read before sending. Nothing personal or secret: no username, no token, no password.
 */
import type { DiagnosticsView } from '../../preload/contract.ts';
import type { FetchLike } from '../auth/authn-http.ts';

export interface DiagnosticsInput {
  readonly fetch: FetchLike;
  readonly orgUrl: string;
  readonly version: string;
  readonly platform: string;
  readonly screenId: string;
  readonly driftSeconds: number | undefined;
  readonly lastErrorCode: string | undefined;
}

/** Any HTTP answer from the org counts as reachable; a refused connection or a timeout does not. */
async function reachable(fetcher: FetchLike, orgUrl: string): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    const response = await fetcher(new URL('/login/getimage?username=', orgUrl).toString(), { method: 'GET', headers: {}, signal: controller.signal, redirect: 'manual' });
    await response.arrayBuffer().catch(() => undefined);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function collectDiagnostics(input: DiagnosticsInput): Promise<DiagnosticsView> {
  return {
    appVersion: input.version,
    os: input.platform.slice(0, 80),
    orgHost: new URL(input.orgUrl).host,
    orgReachable: await reachable(input.fetch, input.orgUrl),
    ...(input.driftSeconds === undefined ? {} : { clockDriftSeconds: input.driftSeconds }),
    ...(input.lastErrorCode === undefined ? {} : { lastErrorCode: input.lastErrorCode }),
    screenId: input.screenId,
  };
}
