import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../../main/local-org/cli/args.ts';

describe('CLI argument parsing', () => {
  it('reads a command, --flag value pairs, --flag=value and switches', () => {
    const args = parseArgs(['serve', '--port', '0', '--data=/tmp/x', '--no-seed']);
    expect(args.command).toBe('serve');
    expect([...args.flags]).toEqual([['port', '0'], ['data', '/tmp/x'], ['no-seed', true]]);
  });

  it.each([[['serve', 'stray']], [['serve', '--']], [['serve', '-p', '1']]])('refuses %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });

  it('round-trips any flag values that do not start with -- (property)', () => {
    const name = fc.stringMatching(/^[a-z][a-z-]{0,10}$/);
    const value = fc.string({ minLength: 1 }).filter((v) => !v.startsWith('--'));
    fc.assert(
      fc.property(fc.dictionary(name, value), (flags) => {
        const argv = ['cmd', ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v])];
        expect(Object.fromEntries(parseArgs(argv).flags)).toEqual(flags);
      }),
    );
  });
});
