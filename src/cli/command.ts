import { parseArgs } from 'node:util';
import { usageError } from './errors.js';

/** One option of a command, as `node:util` parseArgs takes it plus what `--help` prints. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's name in help, for example `KEY`. */
  readonly value?: string;
  readonly description: string;
}

/** Parsed options: strings, booleans or lists of strings, by option name. */
export type OptionValues = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/** What a command's `run` receives. */
export interface CommandInput {
  readonly positionals: readonly string[];
  readonly options: OptionValues;
}

/** A command: what `--help` prints about it and what it does. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage lines without the leading `mamlkit `. */
  readonly usage: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Paragraphs after the options: file formats, exit status. */
  readonly notes?: readonly string[];
  /** Example command lines. */
  readonly examples: readonly string[];
  /** Commands under this one (`mamlkit audit verify`); their own options apply. */
  readonly subcommands?: readonly Command[];
  /** Returns the exit status; absent on a command that only groups `subcommands`. */
  readonly run?: (input: CommandInput) => Promise<number>;
}

/**
 * A command that only groups `subcommands` (`mamlkit audit verify`): its usage, notes and
 * examples are those of its subcommands.
 *
 * @example
 * ```ts
 * export const key = commandGroup('key', 'describe a key file or write a trust file', [info, trust]);
 * ```
 */
export function commandGroup(name: string, summary: string, subcommands: readonly Command[]): Command {
  return {
    name,
    summary,
    usage: subcommands.flatMap((sub) => sub.usage.map((usage) => `${name} ${usage}`)),
    subcommands,
    options: {},
    notes: subcommands.map(
      (sub) => `${name} ${sub.name}: ${sub.summary} ('mamlkit ${name} ${sub.name} --help').`,
    ),
    examples: subcommands.flatMap((sub) => sub.examples),
  };
}

/** Options every command accepts. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  debug: { type: 'boolean', description: 'print the stack of an unexpected error' },
};

/** Parses a command's arguments (`--name value`, `--name=value`, `-` as a positional). */
export function parseCommandArgs(command: Command, args: readonly string[]): CommandInput {
  refusePassphraseArgument(args);
  const options = { ...command.options, ...COMMON_OPTIONS };
  const config = Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.short === undefined ? {} : { short: spec.short }),
        ...(spec.multiple === true ? { multiple: true } : {}),
      },
    ]),
  );
  const parsed = parseArgs({
    args: [...args],
    options: config,
    allowPositionals: true,
    strict: true,
    tokens: true,
  });
  refuseRepeatedOption(options, parsed.tokens);
  return { positionals: parsed.positionals, options: parsed.values as OptionValues };
}

/**
 * Refuses a single-valued option given twice (`--out a --out b`): which one was meant is a
 * guess. Options declared `multiple` repeat; a boolean given twice says the same thing twice.
 */
function refuseRepeatedOption(
  options: Readonly<Record<string, OptionSpec>>,
  tokens: readonly { readonly kind: string; readonly name?: string }[],
): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const spec = options[token.name];
    if (spec === undefined || spec.type !== 'string' || spec.multiple === true) continue;
    if (seen.has(token.name)) throw usageError(`--${token.name} is given more than once; give it once`);
    seen.add(token.name);
  }
}

/**
 * Refuses `--passphrase` in any form: a passphrase on the command line shows in `ps` and stays in
 * shell history. Passphrases come from `--passphrase-file` or `MAMLKIT_PASSPHRASE`.
 */
function refusePassphraseArgument(args: readonly string[]): void {
  if (args.some((arg) => arg === '--passphrase' || arg.startsWith('--passphrase='))) {
    throw usageError(
      'a passphrase is never given on the command line (ps and shell history show it): use --passphrase-file FILE or MAMLKIT_PASSPHRASE',
    );
  }
}

/** A string option's value, or `undefined`. */
export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** A string option that must be given. */
export function requiredOption(options: OptionValues, name: string, command: string): string {
  const value = stringOption(options, name);
  if (value === undefined) throw usageError(`${command} needs --${name} (see 'mamlkit ${command} --help')`);
  return value;
}

/** A repeatable string option's values (empty when absent). */
export function listOption(options: OptionValues, name: string): readonly string[] {
  const value = options[name];
  if (Array.isArray(value)) return value as readonly string[];
  return typeof value === 'string' ? [value] : [];
}

/** Whether a boolean option is set. */
export function flag(options: OptionValues, name: string): boolean {
  return options[name] === true;
}

/** An integer option in a range, or `fallback` when absent. */
export function integerOption(
  options: OptionValues,
  name: string,
  range: { readonly min: number; readonly max: number; readonly fallback: number },
): number {
  const text = stringOption(options, name);
  if (text === undefined) return range.fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < range.min || value > range.max) {
    throw usageError(`--${name} must be a whole number from ${range.min} to ${range.max}, not '${text}'`);
  }
  return value;
}

/** Checks the number of positional arguments. */
export function positionals(
  input: CommandInput,
  command: string,
  count: { readonly min: number; readonly max: number },
  what: string,
): readonly string[] {
  const { length } = input.positionals;
  if (length < count.min) throw usageError(`${command} needs ${what} (see 'mamlkit ${command} --help')`);
  if (length > count.max) {
    throw usageError(`${command} takes ${what}, not '${input.positionals[count.max] ?? ''}'`);
  }
  return input.positionals;
}

/** `--force`: replace existing output files. */
export const FORCE_OPTION: OptionSpec = {
  type: 'boolean',
  short: 'f',
  description: 'replace an existing output file',
};
/** `--quiet`: no progress bar. */
export const QUIET_OPTION: OptionSpec = { type: 'boolean', short: 'q', description: 'no progress bar' };
/** `--json`: machine-readable output. */
export const JSON_OPTION: OptionSpec = { type: 'boolean', description: 'print the result as JSON' };
