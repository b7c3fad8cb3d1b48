/**
 * The Electronegativity gate must fail whenever the scanner did not do its job: each way it can fail is
 * injected here (exit code, signal, time-out, no report, no header, nothing scanned, unparsed file), along
 * with the allow-list rules (unjustified finding, stale justification, reason too short).
 */
import { describe, expect, it } from 'vitest';
import { electronegativityVerdict, exitProblems, readReport, type ScanExit } from '../../../scripts/electronegativity-verdict.ts';

const finished: ScanExit = { status: 0, signal: null };
const header = { tool: 'electronegativity', version: '1.10.3', input: '/repo/main', electronVersion: '45.4.1', filesListed: 3, filesScanned: 3, globalChecks: 5, atomicChecks: 36, networkLookupsBlocked: 1 };
const sample = 'const win = new BrowserWindow(windowOptions(deps.preloadPath, deps.isDev));';
const finding = { id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'shell/window.ts', line: 25, column: 14, sample };
const justification = { issue: 'SANDBOX_JS_CHECK', file: 'main/shell/window.ts', sample, reason: 'windowOptions() sets sandbox: true; asserted in window.test.ts on the created window.' };
const report = (over: Record<string, unknown> = {}) => JSON.stringify({ header, errors: [], issues: [finding], ...over });
const verdict = (over: Partial<Parameters<typeof electronegativityVerdict>[0]> = {}) =>
  electronegativityVerdict({ exit: finished, timeoutMs: 180_000, reportText: report(), allow: [justification], inputPrefix: 'main', ...over });

describe('Electronegativity gate', () => {
  it('passes a finished scan whose MEDIUM+ findings are all justified, and says what it scanned', () => {
    const result = verdict();
    expect(result.problems).toEqual([]);
    expect(result.summary).toContain('3 of 3 files scanned with 41 checks, 1 findings, 1 of 1 MEDIUM or above justified');
  });

  it.each<[string, ScanExit, RegExp]>([
    ['exit code 1 (a crash, an unhandled rejection)', { status: 1, signal: null, stderr: 'Error: The `onCancel` handler was attached after the promise settled.' }, /exited with 1: Error: The `onCancel` handler/],
    ['killed by a signal', { status: null, signal: 'SIGKILL' }, /killed by SIGKILL/],
    ['past its deadline', { status: null, signal: 'SIGKILL', error: { code: 'ETIMEDOUT', message: 'spawnSync node ETIMEDOUT' } }, /did not finish within 180 s/],
    ['not started at all', { status: null, signal: null, error: { code: 'ENOENT', message: 'spawnSync node ENOENT' } }, /could not run: spawnSync node ENOENT/],
  ])('fails when the scanner did not finish: %s — even with a good report on disk', (_case, exit, message) => {
    expect(exitProblems(exit, 180_000)).toEqual([expect.stringMatching(message)]);
    expect(verdict({ exit }).problems).toEqual([expect.stringMatching(message)]);
  });

  it.each<[string, string | undefined, RegExp]>([
    ['no report file', undefined, /wrote no report/],
    ['an empty report', '', /is not JSON \(0 bytes\)/],
    ['a header-only CSV (what its CLI can leave)', 'issue, severity, confidence, filename, location, sample, description, url\n', /is not JSON/],
    ['a report without header', JSON.stringify({ errors: [], issues: [] }), /lacks its header/],
    ['a header from another tool', report({ header: { ...header, tool: 'other' } }), /malformed at header\.tool/],
    ['a header that lost a field', report({ header: { ...header, filesScanned: undefined } }), /malformed at header\.filesScanned/],
    ['no file scanned', report({ header: { ...header, filesListed: 0, filesScanned: 0 } }), /scanned no file/],
    ['some listed files not scanned', report({ header: { ...header, filesScanned: 2 } }), /scanned 2 of the 3 files/],
    ['no check loaded', report({ header: { ...header, atomicChecks: 0 } }), /ran no check/],
    ['a file it could not parse', report({ errors: [{ file: 'shell/window.ts', message: 'Unexpected token', tolerable: false }] }), /could not parse shell\/window\.ts, so it was not scanned/],
  ])('fails on %s', (_case, reportText, message) => {
    expect(verdict({ reportText }).problems).toEqual([expect.stringMatching(message)]);
  });

  it('accepts tolerable parser warnings (the file was still scanned)', () => {
    expect(readReport(report({ errors: [{ file: 'a.ts', message: 'recovered', tolerable: true }] })).problems).toEqual([]);
  });

  it('fails on a MEDIUM+ finding nobody justified, naming the check, file, line and flagged code', () => {
    const other = { ...finding, id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' };
    expect(verdict({ reportText: report({ issues: [finding, other] }) }).problems).toEqual([
      `Electronegativity HIGH CONTEXT_ISOLATION_JS_CHECK in main/shell/window.ts:25 is not justified in scripts/electronegativity-allow.json (sample: ${sample})`,
    ]);
  });

  it('a justification covers one flagged line: a second occurrence of the same check in the same file needs its own', () => {
    const second = { ...finding, line: 40, sample: 'new BrowserWindow({ webPreferences: { sandbox: false } })' };
    expect(verdict({ reportText: report({ issues: [finding, second] }) }).problems).toEqual([expect.stringMatching(/SANDBOX_JS_CHECK in main\/shell\/window\.ts:40 is not justified/)]);
  });

  it('ignores LOW and INFORMATIONAL findings', () => {
    expect(verdict({ reportText: report({ issues: [finding, { ...finding, id: 'CSP_GLOBAL_CHECK', severity: 'LOW', sample: '' }] }) }).problems).toEqual([]);
  });

  it('fails on a justification whose finding is gone, so the list cannot go stale', () => {
    expect(verdict({ reportText: report({ issues: [] }) }).problems).toEqual([expect.stringMatching(/justifies SANDBOX_JS_CHECK in main\/shell\/window\.ts .* no longer reports/)]);
  });

  it('fails on an allow-list entry without a real reason', () => {
    expect(verdict({ allow: [{ ...justification, reason: 'fine' }] }).problems).toEqual([expect.stringMatching(/allow\.json is malformed: 0\.reason: a reason says why/)]);
  });
});
