/**
 * Reading requests and writing responses. Bodies are capped before parsing (an unbounded body is a
 * memory exhaustion vector), parsed as `unknown`, and validated by each route with zod (convention 4).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { OktaFailure } from './okta-error.ts';

/** Okta documents no limit; 64 KiB is far above any authn body (WebAuthn attestation included). */
export const MAX_BODY_BYTES = 64 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new OktaFailure('E0000999');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new OktaFailure('E0000999');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON body as `unknown`; an empty body is `{}` (okta-auth-js posts `{}`-like bodies without fields). */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OktaFailure('E0000003');
  }
}

/** URL-encoded form body (admin console forms). */
export async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const params = new URLSearchParams(await readBody(req, 16 * 1024));
  return Object.fromEntries(params.entries());
}

/** Validate a parsed body; causes name the offending fields (never their values, which may be secrets). */
export function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)');
  const causes = [...new Set(fields)].map((field) => ({ errorSummary: `${field}: invalid or missing` }));
  throw new OktaFailure('E0000001', causes, {}, fields.join(', '));
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string | string[]>>;
  /** Raw payload (HTML, PNG, redirect) instead of JSON. */
  readonly raw?: string | Uint8Array;
}

export function json(body: unknown, status = 200, headers: Record<string, string | string[]> = {}): Reply {
  return { status, body, headers };
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | string[]> = {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(reply.headers ?? {}),
  };
  if (reply.raw !== undefined) {
    res.writeHead(reply.status, headers);
    res.end(reply.raw);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers });
  res.end(payload);
}
