import { describe, expect, it } from 'vitest';
import en from '../../../renderer/i18n/en.json' with { type: 'json' };
import fr from '../../../renderer/i18n/fr.json' with { type: 'json' };
import { translator } from '../../../renderer/i18n/messages.ts';
import { describeBuild as buildText, describeOs } from '../../../renderer/build-text.ts';
import { DEVELOPMENT_BUILD, describeBuild } from '../../../main/build-info.ts';

const tFr = translator(fr);
const tEn = translator(en);

describe('build and system facts in the technician’s language', () => {
  it('says a development build in French, with none of main’s English words', () => {
    const text = buildText(tFr, describeBuild(DEVELOPMENT_BUILD));
    expect(text).toBe('Garage Sign-In 0.1.0 (version de développement, non compilée)');
    expect(text).not.toMatch(/working tree|not built|development/);
  });

  it('says a signed release build with its date and commit', () => {
    const main = describeBuild({ version: '1.2.3', commit: 'abcdef1234567890', builtAt: '2026-11-30T10:00:00Z', signing: 'signed' });
    expect(buildText(tFr, main)).toBe('Garage Sign-In 1.2.3 (compilée le 2026-11-30T10:00:00Z, abcdef123456, signée)');
    expect(buildText(tEn, main)).toBe('Garage Sign-In 1.2.3 (built 2026-11-30T10:00:00Z, abcdef123456, signed)');
  });

  it('shows an unknown build string as main sent it', () => {
    expect(buildText(tFr, '9.9.9-custom')).toBe('Garage Sign-In 9.9.9-custom');
  });

  it('names the system, and the browser preview in the screen’s language', () => {
    expect(describeOs(tFr, 'linux x64 (browser preview)')).toBe('Linux x64 (aperçu dans un navigateur)');
    expect(describeOs(tEn, 'win32 x64')).toBe('Windows x64');
    expect(describeOs(tFr, 'darwin arm64')).toBe('macOS arm64');
  });
});
