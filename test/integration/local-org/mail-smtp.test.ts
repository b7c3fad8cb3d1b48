import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { startTestOrg, type TestOrg } from '../../support/local-org/test-org.ts';

const received: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let t: TestOrg;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  t = await startTestOrg({ smtp: { host: '127.0.0.1', port } });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

describe('SMTP relay', () => {
  it('sends the same activation e-mail over SMTP as the one written to the outbox', async () => {
    await t.admin('POST', '/api/v1/users?activate=true', { profile: { firstName: 'S', lastName: 'M', email: 'smtp@garage.test', login: 'smtp@garage.test' } });
    await t.org.close(); // close() drains deliveries still in flight
    expect(received.map((m) => m.to)).toEqual([['smtp@garage.test']]);
    const [eml] = t.outbox();
    expect(received[0]?.raw).toContain('Subject: Activate your wiTECH 2.0 sign-in account');
    expect(eml?.subject).toBe('Activate your wiTECH 2.0 sign-in account');
  });
});
