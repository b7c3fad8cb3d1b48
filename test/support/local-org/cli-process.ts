/** Runs the org CLI (`node main/local-org/cli.ts …`) as a child process, the way installers and CI do. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../../main/local-org/cli.ts', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServingOrg {
  readonly child: ChildProcess;
  readonly url: string;
  readonly adminToken: string;
  /** stdout lines received so far. */
  readonly lines: string[];
  exited(): Promise<number | null>;
  /** Resolves once the stdout lines received so far satisfy `ready` (lines after the contract arrive later). */
  waitFor(ready: (lines: readonly string[]) => boolean): Promise<void>;
}

/** Starts `serve` and resolves once both contract lines are on stdout. */
export function serveCli(args: readonly string[]): Promise<ServingOrg> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const waiters: { ready: (lines: readonly string[]) => boolean; done: () => void }[] = [];
    const settle = () => {
      for (const waiter of [...waiters]) {
        if (waiter.ready(lines)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.done();
        }
      }
    };
    const waitFor = (ready: (l: readonly string[]) => boolean) =>
      new Promise<void>((done) => {
        waiters.push({ ready, done });
        settle();
      });
    let buffer = '';
    let stderr = '';
    const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      settle();
      const url = lines[0]?.match(/^LOCAL_ORG_URL=(.+)$/)?.[1];
      const token = lines[1]?.match(/^LOCAL_ORG_ADMIN_TOKEN=(.+)$/)?.[1];
      if (url && token) resolve({ child, url, adminToken: token, lines, exited: () => exit, waitFor });
    });
    void exit.then((code) => reject(new Error(`serve exited with ${String(code)} before it was ready: ${stderr}`)));
  });
}
