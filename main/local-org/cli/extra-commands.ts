/** Further CLI commands (support desk, hardware keys), keyed by name. */
import type { OrgContext } from '../org-context.ts';
import type { CliArgs } from './args.ts';

export type CliCommand = (ctx: OrgContext, args: CliArgs, out: (line: string) => void) => Promise<void> | void;

export const extraCommands: Readonly<Record<string, CliCommand>> = {};
