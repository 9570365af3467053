/**
 * Every command the docs show runs as written on a fresh machine (after `npm ci && npm run
 * build`, at the repository root): each is checked against the CLI's live command table,
 * package.json and the files; the README's command-line walkthrough is run for real.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/command.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { ENVELOPE_SUFFIX } from '../../src/cli/envelope-files.js';
import { CLI, ensureBuilt, ROOT, tempDir } from '../cli/helpers.js';
import {
  binPackage,
  commandProblems,
  declaredPackages,
  isRepositoryPath,
  repositoryContext,
  type PackageJson,
} from './check-command.js';
import { docCommands, parseShellLine, sectionScripts } from './shell.js';

function markdownFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split('/').includes('node_modules'));
}

const DOCUMENTS = [
  'README.md',
  ...markdownFiles('docs'),
  ...markdownFiles('examples').filter((path) => path.endsWith('README.md')),
];

function allCommands(commands: readonly Command[]): Command[] {
  return commands.flatMap((command) => [command, ...allCommands(command.subcommands ?? [])]);
}

const context = repositoryContext(ROOT, COMMANDS);

describe('reading commands out of Markdown', () => {
  it('finds script lines, prompt lines, run-it cells and mamlkit code spans, with their lines', () => {
    const markdown = [
      'Run `mamlkit sign a.md --key k.jwk` first; `npm ci` is prose.', // 1
      '```sh', // 2
      '# a comment', // 3
      'npm ci && \\', // 4
      '  npm run build', // 5
      '```', // 6
      '~~~console', // 7
      '$ mamlkit check a.md', // 8
      'a.md:1:1: error …', // 9
      '$ echo $?', // 10
      '~~~', // 11
      '| example | run it |', // 12
      '| --- | --- |', // 13
      '| [x](x.md) | `npx tsx x.ts` |', // 14
      '```ts', // 15
      "run('`mamlkit verify`');", // 16
      '```', // 17
    ].join('\n');
    expect(docCommands(markdown)).toEqual([
      { line: 1, text: 'mamlkit sign a.md --key k.jwk' },
      { line: 4, text: 'npm ci && npm run build' },
      { line: 8, text: 'mamlkit check a.md' },
      { line: 10, text: 'echo $?' },
      { line: 14, text: 'npx tsx x.ts' },
    ]);
  });

  it('splits a line the way a shell does', () => {
    expect(parseShellLine(`A=1 npx tsx "a b.ts" > out.txt 2>&1 && echo 'x | y' | head -1; b &`)).toEqual({
      commands: [['A=1', 'npx', 'tsx', 'a b.ts'], ['echo', 'x | y'], ['head', '-1'], ['b']],
      substitutions: [],
    });
    expect(parseShellLine('curl -H "Bearer $(npx tsx t.ts ci)" --data @f # send')).toEqual({
      commands: [['curl', '-H', 'Bearer $(npx tsx t.ts ci)', '--data', '@f']],
      substitutions: ['npx tsx t.ts ci'],
    });
  });
});

describe('the checker', () => {
  it.each([
    ['mamlkit sgin file.md', "mamlkit: unknown command 'sgin'"],
    ['mamlkit sign file.md --nope', 'mamlkit sign: '],
    ['mamlkit sign file.md --key', 'mamlkit sign: '],
    ['mamlkit audit frobnicate log.jsonl', 'mamlkit audit: needs a subcommand'],
    ['npm run cli -- verify x --trsut k.pub', 'mamlkit verify: '],
    ['npm run nope', "npm run nope: package.json has no script 'nope'"],
    ['npm install mamlkit', 'mamlkit is not on the npm registry yet'],
    ['npm i -g mamlkit@0.1.0', 'mamlkit is not on the npm registry yet'],
    ['deno run --allow-read=. examples/deno/main.ts', "write 'npx deno'"],
    ['bun run examples/bun/main.ts', "write 'npx bun'"],
    ['npx nothing-installed --help', 'nothing-installed: not in node_modules/.bin'],
    ['npx tsx examples/missing.ts', 'examples/missing.ts: no such file'],
    ['node_modules/.bin/deno run examples/deno/nope.ts', 'deno run examples/deno/nope.ts: no such file'],
    ['cd examples/nowhere', 'cd examples/nowhere: no such directory'],
    ['X=1 frobnicate --now', 'frobnicate: not a program'],
    ['curl -H "Authorization: $(npx tsx examples/nope.ts)" http://x', 'examples/nope.ts: no such file'],
  ])('finds what is wrong with %s', (command, problem) => {
    expect(commandProblems(command, context).join('\n')).toContain(problem);
  });

  it('refuses a tool installed only as the dependency of a dependency', () => {
    const undeclared = { ...context, bins: new Set([...context.bins].filter((bin) => bin !== 'vite')) };
    expect(commandProblems('npx vite --config examples/browser/vite.config.ts', undeclared)).toEqual([
      'vite: installed only as a dependency of a dependency; declare its package in package.json',
    ]);
  });

  it('finds the package of a bin link', () => {
    expect(binPackage('../vite/bin/vite.js')).toBe('vite');
    expect(binPackage('../@anthropic-ai/sdk/bin/cli')).toBe('@anthropic-ai/sdk');
  });

  it.each([
    'npm ci && npm run build',
    'MAMLKIT_PASSPHRASE=… npm run cli -- keygen --layers 4 --protect --out vault.keyring',
    'mamlkit open a.mkenv -k l1.key -k l2.key --out - | head -3',
    'npx deno run --allow-read=. --allow-env=LOG_TOKENS,LOG_STREAM examples/deno/main.ts',
    'npx tsx examples/node-http/tokens.ts ci-runner > token.txt 2>&1',
    'npm install ./mamlkit-0.1.0.tgz',
    'mamlkit audit verify audit.jsonl --trust audit.jwk.pub',
  ])('accepts %s', (command) => {
    expect(commandProblems(command, context)).toEqual([]);
  });
});

describe('every command in the docs runs as written', () => {
  it.each(DOCUMENTS)('%s', (file) => {
    const problems = docCommands(readFileSync(join(ROOT, file), 'utf8')).flatMap(({ line, text }) =>
      commandProblems(text, context).map((problem) => `${file}:${line}: ${text}\n    ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('every example in the CLI help parses', () => {
    const problems = allCommands(COMMANDS).flatMap((command) =>
      command.examples.flatMap((example) =>
        commandProblems(example, context).map((problem) => `${command.name}: ${example}\n    ${problem}`),
      ),
    );
    expect(problems).toEqual([]);
  });
});

/** Paths a documented `mamlkit` command writes (`--out`, `-o`, `--split`). */
function writtenPaths(text: string): string[] {
  return parseShellLine(text).commands.flatMap((words) =>
    words.includes('mamlkit') || words.includes('cli')
      ? words.flatMap((word, index) =>
          ['--out', '-o', '--split'].includes(word) ? [words[index + 1] ?? ''] : [],
        )
      : [],
  );
}

function ignoredByGit(path: string): boolean {
  return spawnSync('git', ['check-ignore', '--quiet', '--no-index', path], { cwd: ROOT }).status === 0;
}

describe('what the docs ask a new user to run in a clone', () => {
  const runInClone = ['README.md', ...DOCUMENTS.filter((file) => file.startsWith('examples/'))];

  it.each(runInClone)('%s: keys and outputs go to a folder git ignores', (file) => {
    const written = docCommands(readFileSync(join(ROOT, file), 'utf8')).flatMap(({ text }) =>
      writtenPaths(text).filter((path) => path !== '-'),
    );
    expect(written.filter((path) => !ignoredByGit(path))).toEqual([]);
  });

  it('every package the examples import is declared in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
    const declared = declaredPackages(pkg);
    const sources = readdirSync(join(ROOT, 'examples'), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
    const imported = sources.flatMap((source) =>
      [...source.matchAll(/\bfrom '([^'.][^']*)'/g)].map((match) => match[1] ?? ''),
    );
    const packages = imported
      .filter((specifier) => !specifier.startsWith('node:'))
      .map((specifier) =>
        specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/'),
      );
    expect([...new Set(packages)].filter((name) => name !== pkg.name && !declared.has(name))).toEqual([]);
  });

  it('envelope files are named with the suffix the CLI writes', () => {
    const suffixes = DOCUMENTS.flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\.mk[a-z]+\b/g)].map(
        (match) => `${file}: ${match[0]}`,
      ),
    );
    expect(suffixes.filter((found) => !found.endsWith(ENVELOPE_SUFFIX))).toEqual([]);
    expect(suffixes.length).toBeGreaterThan(0);
  });
});

describe("the README's command-line walkthrough", () => {
  beforeAll(ensureBuilt);

  it('runs as written, every command exiting 0', () => {
    const [walkthrough = []] = sectionScripts(readFileSync(join(ROOT, 'README.md'), 'utf8'), 'Command line');
    expect(walkthrough.length).toBeGreaterThan(3);
    const dir = tempDir();
    // The files of the repository the walkthrough reads, where a clone has them.
    for (const { text } of walkthrough) {
      const words = parseShellLine(text).commands.flat();
      for (const word of words.filter((candidate) => isRepositoryPath(candidate, context))) {
        mkdirSync(join(dir, dirname(word)), { recursive: true });
        copyFileSync(join(ROOT, word), join(dir, word));
      }
    }
    // `mamlkit` on PATH, as `npm link` or an installed tarball puts it there.
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'mamlkit'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'mamlkit'), 0o755);
    for (const { line, text } of walkthrough) {
      const run = spawnSync('bash', ['-c', text], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
      });
      expect(run.status, `README.md:${line}: ${text}\n${run.stderr}`).toBe(0);
    }
  });
});
