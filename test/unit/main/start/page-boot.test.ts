import { describe, expect, it } from 'vitest';
import { allowOrigins, createDispatch, type Handlers } from '../../../../main/core/dispatch.ts';
import { silentLogger } from '../../../../main/core/redact.ts';
import { ok } from '../../../../main/core/result.ts';
import { PAGE_BOOT_ID, pageBoot, withPageBoot } from '../../../../main/start/page-boot.ts';
import type { AppInfoView, TransactionView } from '../../../../preload/contract.ts';
import { BOOT_ELEMENT_ID, readBoot } from '../../../../renderer/boot.ts';

const PAGE = `<!doctype html>
<html lang="fr">
  <head>
    <title>Garage Sign-In</title>
    <script type="module" crossorigin src="./assets/index.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

const info: AppInfoView = {
  version: '0.1.0',
  build: '0.1.0 (abc)',
  keyPath: 'renderer',
  updates: 'development',
  language: 'en',
  orgHost: 'localhost',
  trainingOrg: true,
  rememberedUsername: 'ana</script><script src="//evil.example/x.js"></script>@garage.test',
  policy: { languageLocked: false, desktopAuthenticator: false },
};
const view: TransactionView = { status: 'NONE', canGoBack: false, canSkip: false };

/** The block's text as the page's script reads it (textContent of the element). */
function blockText(html: string): string {
  const match = /<script type="application\/json" id="garage-boot">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no boot block');
  return match[1] as string;
}

describe('page boot: main hands its first answers over with the page', () => {
  it('sets the page language and adds a JSON data block the renderer reads back', () => {
    const html = withPageBoot(PAGE, { info, view });
    expect(html).toContain('<html lang="en">');
    const text = blockText(html);
    expect(readBoot({ getElementById: (id) => (id === BOOT_ELEMENT_ID ? ({ textContent: text } as HTMLElement) : null) })).toEqual({ info, view });
  });

  it('a typed value cannot close the block or open a script: <, > and & are escaped', () => {
    const html = withPageBoot(PAGE, { info, view });
    const text = blockText(html);
    expect(text).not.toMatch(/[<>&]/);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('evil.example/x.js"></script>');
  });

  it("a typed value with $' or $& is placed as typed, not read as a replacement pattern", () => {
    const typed = { ...info, rememberedUsername: "a$'b$&c$`d@garage.test" };
    const html = withPageBoot(PAGE, { info: typed, view });
    expect(JSON.parse(blockText(html))).toEqual({ info: typed, view });
    expect(html.match(/<\/head>/g)).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('the block is data, never executed: the strict CSP needs no inline-script exception', () => {
    const html = withPageBoot(PAGE, { info, view });
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/ src=|type="application\/json"/);
  });

  it('the renderer and main name the same element', () => {
    expect(BOOT_ELEMENT_ID).toBe(PAGE_BOOT_ID);
  });

  it('without main\'s answers the page keeps its language and the renderer finds nothing', () => {
    const html = withPageBoot(PAGE, {});
    expect(html).toContain('<html lang="fr">');
    expect(readBoot({ getElementById: () => null })).toEqual({});
    expect(readBoot({ getElementById: () => ({ textContent: '{not json' }) as HTMLElement })).toEqual({});
  });

  it('asks through the dispatch, as the page would: validated views, and nothing for a foreign sender', async () => {
    const handlers = new Proxy({} as Handlers, {
      get: (_target, channel) => async () => (channel === 'app.info' ? ok(info) : channel === 'auth.state' ? ok({ ...view, stateToken: 'leak' }) : ok({})),
    });
    const dispatch = createDispatch(handlers, allowOrigins(['app://garage']), silentLogger);
    const boot = await pageBoot(dispatch, { origin: 'app://garage', isMainFrame: true, isAppWindow: true });
    // The closed response schema refuses a view that grew a field: it is not handed over.
    expect(boot).toEqual({ info });
    expect(await pageBoot(dispatch, { origin: 'https://evil.example', isMainFrame: true, isAppWindow: true })).toEqual({});
  });

  it('puts the first frame main drew inside #root, and leaves the page as it is without one', () => {
    const frame = '<section data-screen-id="E-01"><input id="username" value="$&amp;$\'"/></section>';
    const html = withPageBoot(PAGE, { info, view }, frame);
    expect(html).toContain(`<div id="root">${frame}</div>`);
    expect(html.match(/id="root"/g)).toHaveLength(1);
    expect(withPageBoot(PAGE, { info, view })).toContain('<div id="root"></div>');
  });
});
