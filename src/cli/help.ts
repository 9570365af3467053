import { COMMON_OPTIONS, type Command, type OptionSpec } from './command.js';

function optionLabel(name: string, spec: OptionSpec): string {
  const long = spec.type === 'string' ? `--${name} ${spec.value ?? 'VALUE'}` : `--${name}`;
  return spec.short === undefined ? `    ${long}` : `-${spec.short}, ${long}`;
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** The `--help` text of a command. */
export function commandHelp(command: Command, prefix = 'mamlkit'): string {
  const options = { ...command.options, ...COMMON_OPTIONS };
  const lines = [
    `${prefix} ${command.name}: ${command.summary}`,
    '',
    'Usage:',
    ...command.usage.map((usage) => `  ${prefix} ${usage}`),
    '',
    'Options:',
    ...table(
      Object.entries(options).map(([name, spec]) => [
        optionLabel(name, spec),
        `${spec.description}${spec.multiple === true ? ' (repeatable)' : ''}`,
      ]),
    ),
  ];
  for (const note of command.notes ?? []) lines.push('', note);
  lines.push('', command.examples.length > 1 ? 'Examples:' : 'Example:');
  lines.push(...command.examples.map((example) => `  $ ${example}`));
  return `${lines.join('\n')}\n`;
}

/** The `mamlkit --help` text: every command with its summary. */
export function mainHelp(version: string, commands: readonly Command[]): string {
  return [
    `mamlkit ${version}: MAML documents, ML-DSA signatures, four-key envelopes, provider policies`,
    '',
    'Usage: mamlkit <command> [options]',
    '',
    'Commands:',
    ...table(commands.map((command) => [command.name, command.summary])),
    '',
    'Options:',
    ...table([
      ['-h, --help', 'show this help'],
      ['    --version', 'print the version'],
    ]),
    '',
    "Run 'mamlkit <command> --help' for a command's options and an example.",
    'Exit status: 0 success, 1 the input was checked and rejected, 2 usage or I/O error.',
    '',
  ].join('\n');
}
