import { version } from 'mamlkit';

const usage = `mamlkit ${version}: MAML documents, ML-DSA signatures, four-key envelopes, provider policies

Usage: mamlkit <command> [options]

Options:
  --help      show this help
  --version   print the version

Run 'mamlkit <command> --help' for a command's options and an example.`;

/** Runs the CLI with the given arguments; returns the exit status. */
function main(argv: readonly string[]): number {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  process.stderr.write(`mamlkit: unknown command '${first}' (see 'mamlkit --help')\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
