/** Tiny server-rendered pages (diagnostics, welcome, console): escaped text, no inline script. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Pages load nothing but their own stylesheet-in-page; forms post only to this org; no framing. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function page(title: string, body: string, lang: 'en' | 'fr' = 'en', extraCss = ''): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem auto;max-width:56rem;padding:0 1rem;color:#1f2937}table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:.3rem .6rem;text-align:left}button,input,select,textarea{font:inherit}.muted{color:#6b7280}${extraCss}</style>
</head><body>${body}</body></html>`;
}

export function htmlReply(html: string, status = 200, headers: Record<string, string | string[]> = {}) {
  return { status, raw: html, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP, 'X-Frame-Options': 'DENY', ...headers } };
}
