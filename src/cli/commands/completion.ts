import { positionals, type Command } from '../command.js';
import { completionScript, SHELLS, type Shell } from '../completions.js';
import { EXIT_OK } from '../errors.js';

const INSTALL: Readonly<Record<Shell, string>> = {
  bash: 'mamlkit completion bash > ~/.local/share/bash-completion/completions/mamlkit',
  zsh: 'mamlkit completion zsh > "${fpath[1]}/_mamlkit"',
  fish: 'mamlkit completion fish > ~/.config/fish/completions/mamlkit.fish',
};

function shellCommand(shell: Shell, table: () => readonly Command[]): Command {
  return {
    name: shell,
    summary: `print the ${shell} completion script`,
    usage: [shell],
    options: {},
    examples: [INSTALL[shell]],
    run(input) {
      positionals(input, `completion ${shell}`, { min: 0, max: 0 }, 'no argument');
      process.stdout.write(completionScript(shell, table()));
      return Promise.resolve(EXIT_OK);
    },
  };
}

/**
 * `mamlkit completion bash|zsh|fish`: a completion script derived from the command table that
 * `table` returns (the table this command is part of).
 */
export function completion(table: () => readonly Command[]): Command {
  const subcommands = SHELLS.map((shell) => shellCommand(shell, table));
  return {
    name: 'completion',
    summary: 'print a shell completion script for bash, zsh or fish',
    usage: ['completion bash|zsh|fish'],
    subcommands,
    options: {},
    notes: [
      'The script completes command and subcommand names, every option, and file names for\n' +
        'arguments. Install it once (see docs/guide/cli.md); it follows the commands of this version.',
    ],
    examples: SHELLS.map((shell) => INSTALL[shell]),
  };
}
