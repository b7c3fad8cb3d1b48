/**
 * Sends the org's e-mails: every message is written as an RFC 5322 `.eml` file to
 * `<dataDir>/outbox/` (so a machine without mail still shows what was sent, and tests read it),
 * recorded in the outbox table, and also relayed over SMTP when a server is configured.
 * nodemailer builds the MIME message once (stream transport) so the file and the SMTP copy match.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/redact.ts';
import type { Db } from '../store/database.ts';
import { renderMail, type MailTemplate } from './templates.ts';

export interface OutgoingMail {
  readonly to: string;
  readonly template: MailTemplate;
  readonly locale: string;
  readonly vars: Readonly<Record<string, string>>;
}

export interface Mailer {
  /** Resolves once the `.eml` file is written; SMTP delivery continues in the background. */
  send(mail: OutgoingMail): Promise<{ file: string }>;
  /** Waits for SMTP deliveries still in flight (tests). */
  drain(): Promise<void>;
  /** Drains, then closes the SMTP connection (shutdown). */
  close(): Promise<void>;
}

export const FROM_ADDRESS = 'wiTECH 2.0 <noreply@localhost>';

export function createMailer(deps: { db: Db; dataDir: string; clock: Clock; log: Logger; smtp?: { host: string; port: number } | undefined }): Mailer {
  const outbox = join(deps.dataDir, 'outbox');
  // The .eml files carry live activation and recovery tokens: owner-only folder and files.
  mkdirSync(outbox, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(outbox, 0o700);
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const smtp = deps.smtp
    ? nodemailer.createTransport({ host: deps.smtp.host, port: deps.smtp.port, secure: false, ignoreTLS: true })
    : undefined;
  const inFlight = new Set<Promise<void>>();

  return {
    async send(mail) {
      const { subject, text } = renderMail(mail.template, mail.locale, mail.vars);
      const now = deps.clock.nowMs();
      const message = { from: FROM_ADDRESS, to: mail.to, subject, text, date: new Date(now) };
      const built = await builder.sendMail(message);
      const id = Number(
        deps.db.prepare('INSERT INTO outbox (recipient, template, subject, file, created_ms, smtp_status) VALUES (?, ?, ?, ?, ?, ?)').run(
          mail.to, mail.template, subject, '', now, smtp ? 'pending' : 'none',
        ).lastInsertRowid,
      );
      const file = join(outbox, `${String(now)}-${String(id).padStart(6, '0')}-${mail.template}.eml`);
      writeFileSync(file, built.message as Buffer, { mode: 0o600 });
      deps.db.prepare('UPDATE outbox SET file = ? WHERE id = ?').run(file, id);
      if (smtp) {
        const delivery = smtp
          .sendMail(message)
          .then(() => void deps.db.prepare("UPDATE outbox SET smtp_status = 'sent' WHERE id = ?").run(id))
          .catch((error: unknown) => {
            deps.log.warn('local-org.smtp-failed', { id, error });
            deps.db.prepare("UPDATE outbox SET smtp_status = 'failed' WHERE id = ?").run(id);
          })
          .finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
      return { file };
    },
    async drain() {
      await Promise.all([...inFlight]);
    },
    async close() {
      await Promise.all([...inFlight]);
      smtp?.close();
    },
  };
}
