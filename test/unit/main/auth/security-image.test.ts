import { describe, expect, it } from 'vitest';
import { securityImage } from '../../../../main/auth/security-image.ts';
import { manualClock } from '../../../../main/core/clock.ts';

const ORG = 'https://garage.okta.test';

function fakeOrg() {
  const asked: Array<{ url: string; language: string | null }> = [];
  const fetch = async (url: string, init?: { headers?: Record<string, string> }) => {
    const headers = new Headers(init?.headers);
    asked.push({ url, language: headers.get('accept-language') });
    if (url.includes('/login/getimage')) {
      const french = /^fr\b/.test(headers.get('accept-language') ?? '');
      return new Response(JSON.stringify({ result: 'success', pwdImg: `${ORG}/img/car.svg`, imageDescription: french ? 'Une voiture rouge' : 'A red car' }), { headers: { 'content-type': 'application/json' } });
    }
    return new Response('<svg xmlns="http://www.w3.org/2000/svg"/>', { headers: { 'content-type': 'image/svg+xml' } });
  };
  return { asked, deps: { fetch, orgUrl: ORG, clock: manualClock(0), sleep: async () => {} } };
}

describe('security image', () => {
  it('asks the org in the screen’s language, so the image is named in that language', async () => {
    const { asked, deps } = fakeOrg();
    const answer = await securityImage(deps, { username: 'marc@garage.test', language: 'fr' });
    expect(answer.ok && answer.value.description).toBe('Une voiture rouge');
    expect(asked[0]?.language).toBe('fr');
  });

  it('sends no language when none is given', async () => {
    const { asked, deps } = fakeOrg();
    const answer = await securityImage(deps, { username: 'marc@garage.test' });
    expect(answer.ok && answer.value.description).toBe('A red car');
    expect(asked[0]?.language).toBeNull();
  });
});
