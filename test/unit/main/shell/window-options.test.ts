import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, externalOpenDecision, originOf } from '../../../../main/shell/window-options.ts';

vi.mock('electron', () => ({ protocol: {}, default: {} }));
const { appFileBody, resolveAppFile } = await import('../../../../main/shell/app-protocol.ts');

describe('security settings as data', () => {
  it.each(['index.html', 'os-webauthn.html'])('the renderer page %s carries the same CSP as the one main enforces, but for the header-only frame-ancestors', (page) => {
    const html = readFileSync(new URL(`../../../../renderer/${page}`, import.meta.url), 'utf8');
    expect(html).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`);
    expect(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(["script-src 'self'", "default-src 'none'", "object-src 'none'", "frame-ancestors 'none'"])('the CSP contains %s', (directive) => {
    expect(CONTENT_SECURITY_POLICY).toContain(directive);
  });

  it('the CSP allows no inline or eval script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it.each([
    ['javascript:alert(1)', false],
    ['https://user:pw@login.am.fcawitech.com/', false],
    ['https://login.am.fcawitech.com.evil.example/', false],
    ['smb://login.am.fcawitech.com/share', false],
    ['not a url', false],
    ['https://login.am.fcawitech.com/help', true],
  ])('external link %s opens in the browser: %s', (url, open) => {
    expect(externalOpenDecision(url, ['login.am.fcawitech.com']).open).toBe(open);
  });

  it('computes the origin of the custom app scheme, which WHATWG URL reports as null', () => {
    expect(originOf('app://garage/index.html')).toBe('app://garage');
    expect(originOf('garbage')).toBe('null');
  });

  it.each(['app://garage/../../etc/passwd', 'app://garage/%2e%2e/%2e%2e/etc/passwd', 'app://garage/assets/..%2f..%2f..%2fetc/passwd', 'app://garage/%2F..%2F..%2Fetc%2Fpasswd'])(
    'the app scheme never serves a file outside the renderer folder (path escape %s)',
    (url) => {
      const file = resolveAppFile('/opt/garage/renderer', url);
      expect(file === undefined || file.startsWith('/opt/garage/renderer/')).toBe(true);
    },
  );

  it('the app scheme serves only its own host', () => {
    expect(resolveAppFile('/opt/garage/renderer', 'app://other/index.html')).toBeUndefined();
  });

  it('the app scheme serves files inside the renderer folder', () => {
    expect(resolveAppFile('/opt/garage/renderer', 'app://garage/assets/index.js')).toBe('/opt/garage/renderer/assets/index.js');
  });

  it('the app scheme serves the app\'s page with main\'s first answers and the sign-in drawn from them, and every other file as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'app-scheme-'));
    writeFileSync(join(dir, 'index.html'), '<html lang="fr"><head></head><body><div id="root"></div></body></html>');
    writeFileSync(join(dir, 'other.html'), '<html lang="fr"><head></head></html>');
    const boot = async () => ({ info: { language: 'en' } }) as never;
    const drawn: unknown[] = [];
    const draw = (answers: unknown) => (drawn.push(answers), '<section data-screen-id="E-01"></section>');
    const page = String(await appFileBody(dir, join(dir, 'index.html'), boot, draw));
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<script type="application/json" id="garage-boot">{"info":{"language":"en"}}</script>');
    expect(page).toContain('<div id="root"><section data-screen-id="E-01"></section></div>');
    expect(drawn).toEqual([{ info: { language: 'en' } }]);
    expect(String(await appFileBody(dir, join(dir, 'other.html'), boot, draw))).toBe('<html lang="fr"><head></head></html>');
    rmSync(dir, { recursive: true, force: true });
  });
});
