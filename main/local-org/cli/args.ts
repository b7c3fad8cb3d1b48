/** `<command> --flag value --switch` argument parsing for the org CLI (no positional values). */
export interface CliArgs {
  readonly command: string;
  readonly flags: ReadonlyMap<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): CliArgs {
  const [command = '', ...rest] = argv;
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] as string;
    if (!arg.startsWith('--') || arg.length < 3) throw new UsageError(`unexpected argument: ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const next = rest[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(arg.slice(2), next);
      i += 1;
    } else flags.set(arg.slice(2), true);
  }
  return { command, flags };
}

export function required(args: CliArgs, name: string): string {
  const value = args.flags.get(name);
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${name} <value>`);
  return value;
}

export function optional(args: CliArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}
