/**
 * What main hands the page with the page itself (issue #16, "faster to first use"): its `app.info` and
 * `auth.state` answers, so the window draws the right screen in the right language without waiting for
 * two round trips after the script has loaded. Both answers go through the dispatch, so they are the same
 * closed, validated views the page would get over IPC. Both shells (app:// and the browser shell) inject it.
 *
 * The block is a JSON data block (`type="application/json"`): the CSP's `script-src 'self'` stays as it is,
 * since a data block is never executed; the bundle reads and parses it.
 */
import type { AppInfoView, Language, TransactionView } from '../../preload/contract.ts';
import type { Dispatch, SenderFacts } from '../core/dispatch.ts';

export const PAGE_BOOT_ID = 'garage-boot';

export interface PageBoot {
  readonly info?: AppInfoView | undefined;
  readonly view?: TransactionView | undefined;
}

/** The page's first answers, asked as the page itself would ask them (same sender, same validation). */
export async function pageBoot(dispatch: Dispatch, sender: SenderFacts): Promise<PageBoot> {
  const [info, view] = await Promise.all([dispatch('app.info', {}, sender), dispatch('auth.state', {}, sender)]);
  return {
    ...(info.ok ? { info: info.value as AppInfoView } : {}),
    ...(view.ok ? { view: view.value as TransactionView } : {}),
  };
}

/**
 * JSON that cannot end its element or open a comment inside HTML: `<`, `>`, `&` and the two JavaScript
 * line separators are escaped (a remembered username is typed by a person and ends up here).
 */
function htmlSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const EMPTY_ROOT = '<div id="root"></div>';

/**
 * The page with `lang` set to the technician's language, the boot block before `</head>` and, when main drew
 * it (main/start/first-frame.ts), the first screen inside `#root`. The first frame is React's own output
 * from the same boot, escaped by React.
 */
export function withPageBoot(html: string, boot: PageBoot, firstFrame?: string): string {
  const language: Language | undefined = boot.info?.language;
  const block = `<script type="application/json" id="${PAGE_BOOT_ID}">${htmlSafeJson(boot)}</script>\n  `;
  const withLang = language ? html.replace(/<html lang="[A-Za-z-]*">/, `<html lang="${language}">`) : html;
  // Functions, not strings: both hold typed text, and `$'` or `$&` in a replacement string are patterns.
  const withBlock = withLang.replace('</head>', () => `${block}</head>`);
  return firstFrame ? withBlock.replace(EMPTY_ROOT, () => `<div id="root">${firstFrame}</div>`) : withBlock;
}
