import { version } from 'mamlkit';
import { parseCommandArgs, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_OK, EXIT_USAGE, usageError } from './errors.js';
import { installExitHandlers, reportFailure } from './exit.js';
import { commandHelp, mainHelp } from './help.js';

async function runCommand(command: Command, args: readonly string[], prefix: string): Promise<number> {
  const sub = command.subcommands?.find((candidate) => candidate.name === args[0]);
  if (sub !== undefined) return runCommand(sub, args.slice(1), `${prefix} ${command.name}`);
  const debug = args.includes('--debug');
  try {
    const input = parseCommandArgs(command, args);
    if (input.options['help'] === true) {
      process.stdout.write(commandHelp(command, prefix));
      return EXIT_OK;
    }
    if (command.run !== undefined) return await command.run(input);
    const known = (command.subcommands ?? []).map((candidate) => candidate.name).join(' or ');
    const [name] = input.positionals;
    throw usageError(
      name === undefined
        ? `${command.name} needs a subcommand: ${known}`
        : `unknown ${command.name} subcommand '${name}': use ${known}`,
    );
  } catch (error) {
    return reportFailure(error, debug);
  }
}

/** Runs the CLI with the given arguments; returns the exit status. */
async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const named = COMMANDS.find((command) => command.name === rest[0]);
    process.stdout.write(named === undefined ? mainHelp(version, COMMANDS) : commandHelp(named));
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (command === undefined) {
    process.stderr.write(`mamlkit: ERR_USAGE: unknown command '${first}' (see 'mamlkit --help')\n`);
    return EXIT_USAGE;
  }
  return runCommand(command, rest, 'mamlkit');
}

installExitHandlers(process.argv.includes('--debug'));
process.exitCode = await main(process.argv.slice(2));
