/**
 * Build and system facts main reports in its own (English, log-friendly) wording, said in the technician's
 * language (issue #16 item 7). The formats are main's: `describeBuild()` in main/build-info.ts
 * ("0.1.0 (abc123def456, 2026-11-30T10:00:00Z, signed)", or "(working tree, not built, development)"),
 * and the diagnostics platform ("linux x64", "win32 x64 (browser preview)"); a test holds the two ends
 * together. Anything else is shown as main sent it.
 */
import type { Translate } from './i18n/catalog.ts';

const BUILD = /^(\S+) \(([^,]+), ([^,]+), (signed|unsigned|development)\)$/;

export function describeBuild(t: Translate, build: string): string {
  const parts = BUILD.exec(build);
  if (!parts) return t('help.about', { version: build, details: '' }).replace(/ \(\)$/, '');
  const [, version = '', commit = '', builtAt = '', signing = ''] = parts;
  const details = signing === 'development' ? t('build.development') : t('build.built', { date: builtAt, commit, signing: t(signing === 'signed' ? 'build.signed' : 'build.unsigned') });
  return t('help.about', { version, details });
}

const PLATFORMS: Readonly<Record<string, string>> = { linux: 'Linux', win32: 'Windows', darwin: 'macOS' };
const PREVIEW = ' (browser preview)';

export function describeOs(t: Translate, os: string): string {
  const preview = os.endsWith(PREVIEW);
  const [platform = '', ...rest] = (preview ? os.slice(0, -PREVIEW.length) : os).split(' ');
  const named = [PLATFORMS[platform] ?? platform, ...rest].join(' ');
  return preview ? `${named} (${t('diag.browserPreview')})` : named;
}
