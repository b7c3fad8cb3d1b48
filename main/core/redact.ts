/**
 * Log redaction. Secrets (passwords, TOTP secrets, state/session/activation tokens, PINs, passcodes)
 * must never reach a log line; this is the last line of defence, not the first.
 */
const SECRET_KEYS = /pass(word|code)?|secret|token|pin|answer|otp|cookie|authorization|sharedsecret|signature|credential/i;
const TOKEN_IN_TEXT = /((?:token|stateToken|sessionToken|secret|passCode|password)=)[^&\s"']+/gi;
const LONG_OPAQUE = /\b[A-Za-z0-9_-]{24,}\b/g;

export function redactText(text: string): string {
  return text.replace(TOKEN_IN_TEXT, '$1[redacted]').replace(LONG_OPAQUE, '[redacted]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) ? '[redacted]' : redact(inner, depth + 1);
    }
    return out;
  }
  return value;
}

export interface Logger {
  info(event: string, data?: Record<string, unknown>): void;
  warn(event: string, data?: Record<string, unknown>): void;
  error(event: string, data?: Record<string, unknown>): void;
}

/** A logger that redacts everything it is given. `sink` receives finished lines (console, file, test array). */
export function createLogger(sink: (line: string) => void): Logger {
  const write = (level: string, event: string, data?: Record<string, unknown>) =>
    sink(JSON.stringify({ level, event, ...(data ? { data: redact(data) } : {}) }));
  return {
    info: (event, data) => write('info', event, data),
    warn: (event, data) => write('warn', event, data),
    error: (event, data) => write('error', event, data),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
