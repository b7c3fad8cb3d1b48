/**
 * Who may sign an update, as electron-updater checks it on Windows. Its NsisUpdater reads `publisherName`
 * from resources/app-update.yml and runs Get-AuthenticodeSignature on every downloaded installer; with no
 * app-update.yml, or none with a `publisherName`, it installs whatever the feed serves (verifySignature
 * returns "valid" on ENOENT). electron-builder writes that file only when `publish` is configured, with the
 * `publisherName` of win.signtoolOptions. So a signed Windows release must name its signing identity — the
 * certificate subject's full distinguished name, a repository variable (WIN_PUBLISHER_NAME), not a secret —
 * and the file shipped in the build must carry it. macOS and Linux: see README "Updates".
 */
import { load } from 'js-yaml';
import { z } from 'zod';

/** An RFC 4514-style DN: electron-updater compares every attribute given, so CN alone is not accepted here. */
const DN = /^(?=.*\bCN=)(?=.*\bO=)[A-Za-z]+=[^,]+(,\s*[A-Za-z]+=[^,]+)+$/;

export type SigningEnv = Readonly<Record<string, string | undefined>>;

/** Whether this `npm run dist` signs Windows installers (electron-builder takes WIN_CSC_LINK, else CSC_LINK). */
export const signsWindows = (env: SigningEnv, builderArgs: readonly string[]): boolean =>
  builderArgs.some((arg) => arg === '--win' || arg === '-w' || arg === '--windows') && Boolean(env.WIN_CSC_LINK || env.CSC_LINK);

/**
 * The electron-builder arguments that put the signing identity into app-update.yml, or why the build must
 * stop: a signed Windows build without a full publisher DN would ship installers that accept any update.
 */
export function publisherArgs(env: SigningEnv, builderArgs: readonly string[]): { ok: true; args: string[]; publisherName?: string } | { ok: false; error: string } {
  if (!signsWindows(env, builderArgs)) return { ok: true, args: [] };
  const name = env.WIN_PUBLISHER_NAME?.trim();
  if (!name) return { ok: false, error: 'WIN_PUBLISHER_NAME is not set: a signed Windows build must name its certificate subject (full DN), or installed apps would accept updates signed by anyone' };
  if (!DN.test(name)) return { ok: false, error: `WIN_PUBLISHER_NAME must be the certificate subject's full DN with CN= and O= (got "${name}")` };
  return { ok: true, args: [`-c.win.signtoolOptions.publisherName=${name}`], publisherName: name };
}

const AppUpdateYml = z.looseObject({
  provider: z.literal('generic'),
  url: z.string(),
  publisherName: z.union([z.string(), z.array(z.string())]).optional(),
  updaterCacheDirName: z.string().min(1),
});

/** Problems with a built app's resources/app-update.yml (undefined: the file is missing). */
export function shippedUpdateConfigProblems(text: string | undefined, expectedPublisher: string | undefined): string[] {
  if (text === undefined) return ['resources/app-update.yml is missing: electron-updater would verify no update signature'];
  let parsed: unknown;
  try {
    parsed = load(text);
  } catch (error) {
    return [`resources/app-update.yml is not YAML: ${error instanceof Error ? error.message : String(error)}`];
  }
  const config = AppUpdateYml.safeParse(parsed);
  if (!config.success) return [`resources/app-update.yml is malformed at ${config.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')}`];
  if (expectedPublisher === undefined) return [];
  const names = [config.data.publisherName ?? []].flat();
  return names.length === 1 && names[0] === expectedPublisher ? [] : [`resources/app-update.yml names publisher ${JSON.stringify(names)}, expected exactly "${expectedPublisher}"`];
}
