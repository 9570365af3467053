import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMON_OPTIONS, parseCommandArgs, type Command, type OptionSpec } from '../../src/cli/command.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { CliError } from '../../src/cli/errors.js';

/** Every command that runs, subcommands included. */
function runnable(commands: readonly Command[]): Command[] {
  return commands.flatMap((command) => [
    ...(command.run === undefined ? [] : [command]),
    ...runnable(command.subcommands ?? []),
  ]);
}

/** Every option of every command, with the command it belongs to. */
const OPTIONS = runnable(COMMANDS).flatMap((command) =>
  Object.entries({ ...command.options, ...COMMON_OPTIONS }).map(
    ([name, spec]) => [command, name, spec] as [Command, string, OptionSpec],
  ),
);
const SINGLE = OPTIONS.filter(([, , spec]) => spec.type === 'string' && spec.multiple !== true);
const MULTIPLE = OPTIONS.filter(([, , spec]) => spec.multiple === true);

/** The ways one option with a value can be written. */
function spellings(name: string, spec: OptionSpec, value: string): string[][] {
  return [
    [`--${name}`, value],
    [`--${name}=${value}`],
    ...(spec.short === undefined ? [] : [[`-${spec.short}`, value]]),
  ];
}

const value = fc.stringMatching(/^[a-z0-9._/]{1,12}$/);

describe('item 6: a single-valued option given twice is a usage error', () => {
  it('item 6: every single-valued option of every command, given twice in any spelling, is refused naming it', () => {
    expect(SINGLE.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(
        fc.constantFrom(...SINGLE),
        value,
        value,
        fc.nat(),
        fc.nat(),
        ([command, name, spec], first, second, a, b) => {
          const forms1 = spellings(name, spec, first);
          const forms2 = spellings(name, spec, second);
          const args = [...(forms1[a % forms1.length] ?? []), ...(forms2[b % forms2.length] ?? [])];
          let error: unknown;
          try {
            parseCommandArgs(command, args);
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeInstanceOf(CliError);
          expect((error as CliError).code).toBe('ERR_USAGE');
          expect((error as CliError).message).toBe(`--${name} is given more than once; give it once`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('item 6: options declared multiple still repeat, in order', () => {
    expect(MULTIPLE.length).toBeGreaterThan(5);
    for (const [command, name] of MULTIPLE) {
      const parsed = parseCommandArgs(command, [`--${name}`, 'a', `--${name}=b`]);
      expect(parsed.options[name], `${command.name} --${name}`).toEqual(['a', 'b']);
    }
  });

  it('item 6: one occurrence of each single-valued option is accepted', () => {
    for (const [command, name] of SINGLE) {
      expect(parseCommandArgs(command, [`--${name}`, 'x']).options[name]).toBe('x');
    }
  });
});
