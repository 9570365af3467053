/**
 * Checks a documented command against the repository as `npm ci` leaves it: `mamlkit …` against
 * the CLI's live command table, `npm run X` against package.json scripts, `npx X` against the
 * installed bins, file arguments against the files, and every other program against the short
 * list of tools a fresh Debian machine has.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandArgs, type Command } from '../../src/cli/command.js';
import { parseShellLine } from './shell.js';

/** What a command is checked against. */
export interface CheckContext {
  /** The repository root; relative paths are resolved from it. */
  readonly root: string;
  /** The CLI's commands (`COMMANDS` from src/cli/commands/index.ts). */
  readonly cli: readonly Command[];
  /** package.json `name`. */
  readonly packageName: string;
  /** package.json `scripts` names. */
  readonly scripts: ReadonlySet<string>;
  /**
   * Names `npx` finds without the registry and that a fresh `npm ci` is sure to install: the bins
   * in node_modules/.bin of packages package.json declares, and this package's own bins.
   */
  readonly bins: ReadonlySet<string>;
  /** Every name in node_modules/.bin, declared or pulled in by another package. */
  readonly installed: ReadonlySet<string>;
  /** Top-level folders of the repository: an argument starting with one names a file that must exist. */
  readonly folders: ReadonlySet<string>;
}

/** Programs a fresh Debian machine with Node.js has on PATH (and shell builtins the docs use). */
const SYSTEM_PROGRAMS = new Set([
  'apt-get',
  'cat',
  'chmod',
  'cp',
  'curl',
  'dd',
  'diff',
  'echo',
  'export',
  'git',
  'grep',
  'gzip',
  'head',
  'kill',
  'ls',
  'mkdir',
  'mv',
  'openssl',
  'printf',
  'rm',
  'sed',
  'sha256sum',
  'sort',
  'tail',
  'tar',
  'tee',
  'touch',
  'wc',
]);

/** Options of `npx` that come before the program name. */
const NPX_FLAGS = new Set(['--no-install', '--no', '--yes', '-y', '--quiet', '-q']);

const ASSIGNMENT = /^[a-z_]\w*=/i;

/** The parts of package.json the checks read. */
export interface PackageJson {
  readonly name: string;
  readonly scripts: Readonly<Record<string, string>>;
  readonly bin?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/** The packages package.json declares (dependencies and devDependencies). */
export function declaredPackages(pkg: PackageJson): ReadonlySet<string> {
  return new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
}

/**
 * The package a node_modules/.bin link points into (`../vite/bin/vite.js` → `vite`,
 * `../@scope/name/cli.js` → `@scope/name`).
 */
export function binPackage(link: string): string {
  const segments = link.replace(/^\.\.\//, '').split('/');
  const [first = '', second = ''] = segments;
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** Reads the context of the repository at `root` with the given command table. */
export function repositoryContext(root: string, cli: readonly Command[]): CheckContext {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const declared = declaredPackages(pkg);
  const installed = readdirSync(join(root, 'node_modules/.bin'));
  const declaredBins = installed.filter((bin) =>
    declared.has(binPackage(readlinkSync(join(root, 'node_modules/.bin', bin)))),
  );
  const folders = readdirSync(root).filter(
    (name) => !name.startsWith('.') && name !== 'node_modules' && statSync(join(root, name)).isDirectory(),
  );
  return {
    root,
    cli,
    packageName: pkg.name,
    scripts: new Set(Object.keys(pkg.scripts)),
    bins: new Set([...declaredBins, ...Object.keys(pkg.bin ?? {})]),
    installed: new Set(installed),
    folders: new Set(folders),
  };
}

/** Whether a word names a file of the repository (its first segment is a top-level folder). */
export function isRepositoryPath(word: string, context: CheckContext): boolean {
  const first = word.replace(/^\.\//, '').split('/')[0] ?? '';
  return word.includes('/') && context.folders.has(first) && !word.includes('://');
}

/** The subcommand the arguments name (`audit verify …`), as the CLI picks it, and what follows. */
function subcommand(
  command: Command,
  args: readonly string[],
  path: string,
): { command: Command; remaining: readonly string[]; path: string } {
  const sub = command.subcommands?.find((candidate) => candidate.name === args[0]);
  return sub === undefined
    ? { command, remaining: args, path }
    : subcommand(sub, args.slice(1), `${path} ${sub.name}`);
}

/** Problems of `mamlkit ARGS`, from the live command table. */
function cliProblems(args: readonly string[], context: CheckContext): string[] {
  const [first, ...rest] = args;
  if (first === undefined || first === '--version' || first === '-v') return [];
  if (first === '--help' || first === '-h' || first === 'help') {
    const named = rest[0];
    return named === undefined || context.cli.some((command) => command.name === named)
      ? []
      : [`mamlkit help: unknown command '${named}'`];
  }
  const top = context.cli.find((candidate) => candidate.name === first);
  if (top === undefined) return [`mamlkit: unknown command '${first}'`];
  const { command, remaining, path } = subcommand(top, rest, `mamlkit ${first}`);
  try {
    const input = parseCommandArgs(command, remaining);
    if (command.run === undefined && input.options['help'] !== true) {
      const known = (command.subcommands ?? []).map((candidate) => candidate.name).join(', ');
      return [`${path}: needs a subcommand (${known}), not '${input.positionals[0] ?? ''}'`];
    }
    return [];
  } catch (error) {
    return [`${path}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/** The first argument that is not an option. */
function firstOperand(args: readonly string[]): string | undefined {
  return args.find((arg) => !arg.startsWith('-'));
}

/** Problems of a program that runs a file (`node FILE`, `npx tsx FILE`, `deno run FILE`). */
function fileProblems(program: string, file: string | undefined, context: CheckContext): string[] {
  if (file === undefined) return [`${program}: names no file to run`];
  return existsSync(join(context.root, file)) ? [] : [`${program} ${file}: no such file`];
}

/** Problems of `npm …`. */
function npmProblems(args: readonly string[], context: CheckContext): string[] {
  const [verb = '', ...rest] = args;
  if (verb === 'run' || verb === 'run-script') {
    const [script, separator, ...scriptArgs] = rest;
    if (script === undefined) return [];
    if (!context.scripts.has(script)) return [`npm run ${script}: package.json has no script '${script}'`];
    return script === 'cli' && separator === '--' ? cliProblems(scriptArgs, context) : [];
  }
  if (verb === 'test' || verb === 't') return context.scripts.has('test') ? [] : ['npm test: no test script'];
  if (['install', 'i', 'add'].includes(verb)) {
    return rest
      .filter((arg) => !arg.startsWith('-'))
      .filter(
        (arg) =>
          (arg.lastIndexOf('@') > 0 ? arg.slice(0, arg.lastIndexOf('@')) : arg) === context.packageName,
      )
      .map(
        (arg) =>
          `npm ${verb} ${arg}: ${context.packageName} is not on the npm registry yet; install it from a clone or a packed tarball`,
      );
  }
  return ['ci', 'link', 'pack', 'ls', 'exec'].includes(verb)
    ? []
    : [`npm ${verb}: not a command the docs use`];
}

/** Problems of a program found through npx or node_modules/.bin (so not necessarily on PATH). */
function installedProblems(program: string, args: readonly string[], context: CheckContext): string[] {
  if (!context.bins.has(program)) {
    return context.installed.has(program)
      ? [`${program}: installed only as a dependency of a dependency; declare its package in package.json`]
      : [`${program}: not in node_modules/.bin nor a bin of ${context.packageName}`];
  }
  if (program === context.packageName) return cliProblems(args, context);
  if (program === 'tsx') return fileProblems(program, firstOperand(args), context);
  if (program === 'deno' && args[0] === 'run')
    return fileProblems('deno run', firstOperand(args.slice(1)), context);
  if (program === 'bun') {
    const operands = args[0] === 'run' ? args.slice(1) : args;
    return fileProblems(program, firstOperand(operands), context);
  }
  return [];
}

/** Problems of one simple command (its words, environment assignments included). */
function simpleCommandProblems(words: readonly string[], context: CheckContext): string[] {
  const start = words.findIndex((word) => !ASSIGNMENT.test(word));
  if (start < 0) return [];
  const [program = '', ...args] = words.slice(start);
  const missing = words
    .map((word) => word.replace(/^-[\w-]+=/, ''))
    .filter((word) => isRepositoryPath(word, context) && !word.includes('*'))
    .filter((word) => !existsSync(join(context.root, word)))
    .map((word) => `${word}: no such file in the repository`);
  return [...missing, ...programProblems(program, args, context)];
}

/** Problems of a program and its arguments. */
function programProblems(program: string, args: readonly string[], context: CheckContext): string[] {
  if (program === context.packageName) return cliProblems(args, context);
  if (program === 'npm') return npmProblems(args, context);
  if (program === 'npx') {
    const start = args.findIndex((arg) => !NPX_FLAGS.has(arg));
    const [name, ...rest] = start < 0 ? [] : args.slice(start);
    return name === undefined ? ['npx: names no program'] : installedProblems(name, rest, context);
  }
  if (program.startsWith('node_modules/.bin/')) {
    return installedProblems(program.slice('node_modules/.bin/'.length), args, context);
  }
  if (program === 'node') {
    const file = firstOperand(args);
    const problems = fileProblems(program, file, context);
    const cli = file === 'dist/cli/main.js' ? cliProblems(args.slice(args.indexOf(file) + 1), context) : [];
    return [...problems, ...cli];
  }
  if (program === 'cd') {
    const dir = args[0] ?? '';
    return existsSync(join(context.root, dir)) ? [] : [`cd ${dir}: no such directory`];
  }
  if (SYSTEM_PROGRAMS.has(program)) return [];
  if (context.installed.has(program)) {
    return [`${program} is in node_modules/.bin, not on PATH after npm ci: write 'npx ${program}'`];
  }
  return [`${program}: not a program a fresh machine has (or one the docs check)`];
}

/**
 * What is wrong with a documented command line (substitutions included); empty when it would
 * run as written after `npm ci && npm run build` at the repository root.
 *
 * @example
 * commandProblems('npm run nope', context); // ["npm run nope: package.json has no script 'nope'"]
 */
export function commandProblems(text: string, context: CheckContext): string[] {
  const { commands, substitutions } = parseShellLine(text);
  return [
    ...commands.flatMap((words) => simpleCommandProblems(words, context)),
    ...substitutions.flatMap((inner) => commandProblems(inner, context)),
  ];
}
