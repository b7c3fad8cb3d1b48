import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { parseEml } from '../../../../main/local-org/mail/outbox-reader.ts';

const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function build(subject: string, text: string): Promise<string> {
  const built = await builder.sendMail({ from: 'a@b.example', to: 'c@d.example', subject, text });
  return (built.message as Buffer).toString('utf8');
}

describe('outbox reader', () => {
  it('decodes the subject, the quoted-printable body and the links of a French e-mail', async () => {
    const eml = await build('Activez votre compte — été', 'Ouvrez :\nwitech-login://activate?token=abcDEF123\nhttp://localhost:1/welcome/abcDEF123\nL’équipe');
    const message = parseEml('x.eml', eml);
    expect(message.subject).toBe('Activez votre compte — été');
    expect(message.text).toContain('L’équipe');
    expect(message.links).toEqual(['witech-login://activate?token=abcDEF123', 'http://localhost:1/welcome/abcDEF123']);
  });

  it('returns the text nodemailer encoded, for any printable text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), async (text, subject) => {
        fc.pre(!/[\r\n]/.test(text + subject) && subject.trim() === subject);
        const message = parseEml('x.eml', await build(subject, text));
        expect(message.text.replace(/\n$/, '')).toBe(text);
        expect(message.subject).toBe(subject);
      }),
      { numRuns: 60 },
    );
  });
});
