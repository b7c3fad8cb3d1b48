/**
 * The app's help-request services in a process of their own, so a test can SIGKILL them mid-write: the
 * outbox and the help service exactly as compose.ts builds them, over `<dataDir>/support`, sending to a
 * desk that is down. Like the Request Help screen, it saves the draft, then sends; it prints
 * `QUEUED <email>` once the service has told the technician the request is queued.
 *
 * Usage: node help-queue-app.ts <dataDir> <deskUrl> <tag>
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../../../../main/core/clock.ts';
import { cryptoRandom } from '../../../../main/core/random.ts';
import { silentLogger } from '../../../../main/core/redact.ts';
import { createHelpOutbox } from '../../../../main/support/help-outbox.ts';
import { createHelpService } from '../../../../main/support/help-service.ts';

const [dataDir, deskUrl, tag] = process.argv.slice(2);
if (!dataDir || !deskUrl || !tag) throw new Error('usage: help-queue-app.ts <dataDir> <deskUrl> <tag>');

const outbox = createHelpOutbox(`${dataDir}/support`, cryptoRandom);
const help = createHelpService({ supportUrl: deskUrl, fetch: (url, init) => fetch(url, init), clock: systemClock, sleep: (ms) => sleep(ms), outbox, log: silentLogger });

for (let i = 0; i < 100_000; i += 1) {
  const email = `${tag}-${i}@garage.test`;
  const draft = { email, reason: 'cannot-log-in', message: `Request ${tag} ${i}`, includeDiagnostics: false };
  await outbox.saveDraft(draft);
  const receipt = await help.send({ email, reason: 'Cannot log in', message: draft.message, locale: 'fr' });
  if (receipt.ok && receipt.value.queued) process.stdout.write(`QUEUED ${email}\n`);
  else throw new Error(`not queued: ${JSON.stringify(receipt)}`);
}
