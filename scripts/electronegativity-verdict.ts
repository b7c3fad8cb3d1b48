/**
 * The Electronegativity gate's verdict, as pure functions over what the scanner left behind (its exit, its
 * report) and the allow-list, so each way it can fail is a unit test. The gate fails closed: a scanner that
 * did not finish, a report that is missing, has no header or scanned no file, a file it could not parse, a
 * MEDIUM+ finding nobody justified, or a justification whose finding is gone — each is a problem.
 */
import { posix } from 'node:path';
import { z } from 'zod';

/** What spawnSync tells about the scanner's process. */
export type ScanExit = { status: number | null; signal: NodeJS.Signals | null; error?: { code?: string; message: string } | undefined; stderr?: string };

export const ScanReport = z.strictObject({
  header: z.strictObject({
    tool: z.literal('electronegativity'),
    version: z.string().min(1),
    input: z.string().min(1),
    electronVersion: z.string().min(1),
    filesListed: z.number().int().nonnegative(),
    filesScanned: z.number().int().nonnegative(),
    globalChecks: z.number().int().nonnegative(),
    atomicChecks: z.number().int().nonnegative(),
    networkLookupsBlocked: z.number().int().nonnegative(),
  }),
  errors: z.array(z.strictObject({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  issues: z.array(
    z.strictObject({
      id: z.string().min(1),
      severity: z.string(),
      confidence: z.string(),
      file: z.string(),
      line: z.number().int(),
      column: z.number().int(),
      sample: z.string(),
    }),
  ),
});
export type ScanReport = z.infer<typeof ScanReport>;

/** One justified finding: the check, the file (from the repository root) and the line of code it flagged. */
export const AllowList = z.array(
  z.strictObject({
    issue: z.string().min(1),
    file: z.string().min(1),
    sample: z.string().min(1),
    reason: z.string().min(40, 'a reason says why the finding is safe and where that is tested'),
  }),
);
export type AllowList = z.infer<typeof AllowList>;

const SEVERE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

/** Problems with the scanner's process itself: it must have exited 0 on its own, within its time. */
export function exitProblems(exit: ScanExit, timeoutMs: number): string[] {
  const tail = (exit.stderr ?? '').trim().slice(-800);
  if (exit.error?.code === 'ETIMEDOUT') return [`Electronegativity did not finish within ${timeoutMs / 1000} s (killed)`];
  if (exit.error) return [`Electronegativity could not run: ${exit.error.message}`];
  if (exit.signal) return [`Electronegativity was killed by ${exit.signal}`];
  if (exit.status !== 0) return [`Electronegativity exited with ${String(exit.status)}${tail ? `: ${tail}` : ''}`];
  return [];
}

/** The report's text (undefined when no file was written) → the report, or the problems that make it unusable. */
export function readReport(text: string | undefined): { report?: ScanReport; problems: string[] } {
  if (text === undefined) return { problems: ['Electronegativity wrote no report'] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problems: [`Electronegativity's report is not JSON (${text.length} bytes)`] };
  }
  if (typeof json !== 'object' || json === null || !('header' in json)) return { problems: ["Electronegativity's report lacks its header"] };
  const parsed = ScanReport.safeParse(json);
  if (!parsed.success) return { problems: [`Electronegativity's report is malformed at ${parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')}`] };
  const { header } = parsed.data;
  const problems: string[] = [];
  if (header.filesScanned === 0) problems.push(`Electronegativity scanned no file (${header.filesListed} listed under ${header.input})`);
  else if (header.filesScanned < header.filesListed) problems.push(`Electronegativity scanned ${header.filesScanned} of the ${header.filesListed} files it listed under ${header.input}`);
  if (header.atomicChecks === 0) problems.push('Electronegativity ran no check');
  for (const error of parsed.data.errors.filter((e) => !e.tolerable)) problems.push(`Electronegativity could not parse ${error.file}, so it was not scanned: ${error.message}`);
  return { report: parsed.data, problems };
}

/**
 * Matches MEDIUM+ findings against the allow-list. Paths in the report are relative to the scanned folder,
 * `inputPrefix` (e.g. "main") makes them relative to the repository like the allow-list's.
 */
export function findingProblems(report: ScanReport, allow: AllowList, inputPrefix: string): { problems: string[]; severe: number; justified: number } {
  const problems: string[] = [];
  const used = new Set<number>();
  let severe = 0;
  for (const issue of report.issues) {
    if (!SEVERE.has(issue.severity)) continue;
    severe += 1;
    const file = issue.file === 'N/A' ? issue.file : posix.join(inputPrefix, issue.file);
    const index = allow.findIndex((row) => row.issue === issue.id && row.file === file && row.sample === issue.sample);
    if (index === -1) problems.push(`Electronegativity ${issue.severity} ${issue.id} in ${file}:${issue.line} is not justified in scripts/electronegativity-allow.json (sample: ${issue.sample})`);
    else used.add(index);
  }
  allow.forEach((row, index) => {
    if (!used.has(index)) problems.push(`scripts/electronegativity-allow.json justifies ${row.issue} in ${row.file} (${row.sample}), which Electronegativity no longer reports: remove or update the entry`);
  });
  return { problems, severe, justified: used.size };
}

/** The whole verdict: problems (empty = pass) and a one-line summary of what was scanned. */
export function electronegativityVerdict(input: { exit: ScanExit; timeoutMs: number; reportText: string | undefined; allow: unknown; inputPrefix: string }): { problems: string[]; summary?: string } {
  const problems = exitProblems(input.exit, input.timeoutMs);
  const { report, problems: reportProblems } = readReport(input.reportText);
  problems.push(...reportProblems);
  const allow = AllowList.safeParse(input.allow);
  if (!allow.success) problems.push(`scripts/electronegativity-allow.json is malformed: ${allow.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  if (!report || !allow.success) return { problems };
  const findings = findingProblems(report, allow.data, input.inputPrefix);
  problems.push(...findings.problems);
  const { header } = report;
  return {
    problems,
    summary: `Electronegativity ${header.version}: ${header.filesScanned} of ${header.filesListed} files scanned with ${header.atomicChecks + header.globalChecks} checks, ${report.issues.length} findings, ${findings.justified} of ${findings.severe} MEDIUM or above justified by the allow-list (${header.networkLookupsBlocked} network look-ups refused)`,
  };
}
