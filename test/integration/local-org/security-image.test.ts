import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';

let t: TestOrg;
beforeAll(async () => {
  t = await startTestOrg();
  const { token } = await t.provisionedUser('pictured@garage.test');
  const { body } = await t.post('/api/v1/authn', { token });
  await t.post('/api/v1/authn/credentials/reset_password', { stateToken: body.stateToken, newPassword: PASSWORD, securityImage: 'oil-can' });
  await t.activeUser('unpictured@garage.test');
});
afterAll(() => t.close());

const image = (username: string, lang = 'en') => t.get(`/login/getimage?username=${encodeURIComponent(username)}`, { 'Accept-Language': lang });

describe('GET /login/getimage', () => {
  it('returns the image the user picked at activation, described in the asked language', async () => {
    expect((await image('pictured@garage.test')).body).toEqual({ result: 'success', pwdImg: `${t.url}/img/security/oil-can.svg`, imageDescription: 'An oil can' });
    expect((await image('pictured@garage.test', 'fr-CA')).body.imageDescription).toBe('Un bidon d’huile');
  });

  it('gives an unknown user a decoy of the same shape that stays the same', async () => {
    const first = await image('nobody@garage.test');
    expect(Object.keys(first.body).sort()).toEqual(['imageDescription', 'pwdImg', 'result']);
    expect(first.body.pwdImg).toMatch(new RegExp(`^${t.url}/img/security/[a-z-]+\\.svg$`));
    expect(first.body.pwdImg).not.toContain('default');
    expect((await image('NOBODY@garage.test')).body).toEqual(first.body);
  });

  it('gives a user without a chosen image a decoy too (no way to tell the two apart)', async () => {
    expect((await image('unpictured@garage.test')).body.pwdImg).toMatch(/\/img\/security\/[a-z-]+\.svg$/);
  });

  it('returns the default image for an empty username', async () => {
    expect((await image('')).body.pwdImg).toBe(`${t.url}/img/security/default.svg`);
  });

  it('serves the images as SVG under a script-free CSP, and 404 for anything else', async () => {
    const svg = await fetch(`${t.url}/img/security/oil-can.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await svg.text()).toContain('<svg');
    expect((await t.get('/img/security/..%2f..%2fpackage.json')).status).toBe(404);
  });
});

describe('GET /login/security-images', () => {
  it('lists the twelve images with their links and English and French descriptions', async () => {
    const { body } = await t.get('/login/security-images');
    expect(body).toHaveLength(12);
    expect(body).toContainEqual({ id: 'oil-can', href: `${t.url}/img/security/oil-can.svg`, description: { en: 'An oil can', fr: 'Un bidon d’huile' } });
    for (const image of body as unknown as { href: string }[]) expect((await fetch(image.href)).status).toBe(200);
  });
});
