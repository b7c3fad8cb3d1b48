/**
 * The real scanner, offline (this machine has no internet): scripts/electronegativity-scan.ts must finish,
 * refuse its network look-ups instead of crashing on them, and report what it scanned — and a run that
 * cannot finish must leave no report, so the gate fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronegativityVerdict } from '../../../scripts/electronegativity-verdict.ts';

const SCAN = join(import.meta.dirname, '../../../scripts/electronegativity-scan.ts');

function scan(input: string) {
  const report = join(mkdtempSync(join(tmpdir(), 'garage-eng-')), 'report.json');
  const run = spawnSync(process.execPath, [SCAN, input, report, '45.4.1'], { encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL' });
  const reportText = existsSync(report) ? readFileSync(report, 'utf8') : undefined;
  return { run, reportText, verdict: (allow: unknown[] = []) => electronegativityVerdict({ exit: run, timeoutMs: 120_000, reportText, allow, inputPrefix: 'app' }) };
}

describe('Electronegativity run offline on a tiny app', () => {
  it('finishes, refuses its network look-up, scans the file and reports the insecure window', () => {
    const app = mkdtempSync(join(tmpdir(), 'garage-eng-app-'));
    writeFileSync(join(app, 'window.js'), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n");
    const { run, reportText, verdict } = scan(app);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(reportText ?? '{}') as { header: Record<string, number>; issues: Array<{ id: string; file: string }> };
    expect(report.header).toMatchObject({ filesListed: 1, filesScanned: 1, networkLookupsBlocked: 1 });
    expect(report.issues.map((issue) => issue.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
    // Nothing is justified: the gate fails and names the findings.
    expect(verdict().problems).toEqual(expect.arrayContaining([expect.stringMatching(/CONTEXT_ISOLATION_JS_CHECK in app\/window\.js:2 is not justified/)]));
  });

  it('fails the gate when there is nothing to scan', () => {
    const { run, verdict } = scan(mkdtempSync(join(tmpdir(), 'garage-eng-empty-')));
    expect(run.status, run.stderr).toBe(0);
    expect(verdict().problems).toEqual(expect.arrayContaining([expect.stringMatching(/scanned no file \(0 listed/)]));
  });

  it('leaves no report when the scanner cannot finish, and the gate says so', () => {
    const { run, reportText, verdict } = scan(join(tmpdir(), 'garage-eng-does-not-exist'));
    expect(run.status).not.toBe(0);
    expect(reportText).toBeUndefined();
    expect(verdict().problems).toEqual([expect.stringMatching(/exited with 1/), 'Electronegativity wrote no report']);
  });
});
