import { flag, type OptionValues } from './command.js';
import { usageError } from './errors.js';
import { STDIO } from './io.js';

/** Prints a value as indented JSON on standard output. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints lines on standard output. */
export function printLines(lines: readonly string[]): void {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

/** Aligned `label: value` lines, skipping absent values. */
export function fields(rows: readonly (readonly [string, string | number | undefined])[]): string[] {
  const present = rows.filter((row): row is readonly [string, string | number] => row[1] !== undefined);
  const width = Math.max(0, ...present.map(([label]) => label.length + 1));
  return present.map(([label, value]) => `${`${label}:`.padEnd(width)} ${String(value)}`);
}

/** Prints status lines on standard output, unless standard output carries the command's data (`-`). */
export function printStatus(output: string, lines: readonly string[]): void {
  if (output !== '-') printLines(lines);
}

/**
 * Whether `--json` asks for the result as JSON. Refused when standard output carries the
 * command's data (`--out -`): one stream holds one thing.
 */
export function jsonWanted(options: OptionValues, out: string): boolean {
  if (!flag(options, 'json')) return false;
  if (out === STDIO) {
    throw usageError(
      '--json prints the result on standard output, which --out - uses for the data: write the data to a file',
    );
  }
  return true;
}
