import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, INVALID_MAML, mamlkit, ROOT, tempDir, VALID_MAML } from './helpers.js';

const COMMANDS = [
  'check',
  'keygen',
  'sign',
  'verify',
  'seal',
  'open',
  'inspect',
  'rewrap',
  'rotate',
  'gate',
  'audit',
  'limits',
  'preflight',
  'tokens',
];

beforeAll(ensureBuilt, 300_000);

describe('mamlkit frame', () => {
  const dir = tempDir();
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every command in --help and prints the package version', () => {
    const help = mamlkit(dir, ['--help']);
    expect(help.status).toBe(0);
    for (const name of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(mamlkit(dir, ['--version']).stdout).toBe(`${version}\n`);
  });

  it.each(COMMANDS)('%s --help shows usage, options and an example', (name) => {
    const run = mamlkit(dir, [name, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Usage:\n  mamlkit ${name}`);
    expect(run.stdout).toContain('--help');
    expect(run.stdout).toMatch(/^Examples?:\n {2}\$ mamlkit /m);
  });

  it('reports usage errors in one line with exit status 2', () => {
    for (const args of [['frobnicate'], ['check', '--no-such-option', 'x'], ['check'], ['keygen']]) {
      const run = mamlkit(dir, args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^mamlkit: ERR_USAGE: [^\n]+\n$/);
    }
  });

  it('shows a stack only with --debug', () => {
    writeFileSync(join(dir, 'bad.keyring'), 'not a keyring\n');
    const plain = mamlkit(dir, ['open', 'x.mkenv', '--keyring', 'bad.keyring']);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toMatch(/^mamlkit: ERR_ENVELOPE_KEY_INVALID: --keyring bad\.keyring: [^\n]+\n$/);
    const debug = mamlkit(dir, ['open', 'x.mkenv', '--keyring', 'bad.keyring', '--debug']);
    expect(debug.stderr).toMatch(/\n {4}at /);
  });
});

describe('mamlkit check', () => {
  const dir = tempDir();
  beforeAll(() => {
    writeFileSync(join(dir, 'ok.maml.md'), VALID_MAML);
    writeFileSync(join(dir, 'bad.maml.md'), INVALID_MAML);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 on a valid document and prints only its summary line', () => {
    const run = mamlkit(dir, ['check', 'ok.maml.md']);
    expect(run).toMatchObject({
      status: 0,
      stdout: 'ok.maml.md: valid MAML 2.0.0, 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  it('prints file:line:col: severity code: message with hints, exit 1 on errors', () => {
    const run = mamlkit(dir, ['check', 'ok.maml.md', 'bad.maml.md']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^bad\.maml\.md:\d+:\d+: error MAML_MISSING_SECTION: .+\n {2}hint: .+$/m);
    expect(run.stdout).not.toMatch(/^ok\.maml\.md:\d/m);
  });

  it('turns the common mistakes into warnings with --lenient', () => {
    const run = mamlkit(dir, ['check', '--lenient', 'bad.maml.md']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^bad\.maml\.md:\d+:\d+: warning MAML_MISSING_SECTION: /m);
  });

  it('prints a JSON report with --json', () => {
    const run = mamlkit(dir, ['check', '--json', 'ok.maml.md', 'bad.maml.md']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { files: { file: string; valid: boolean; errors: number }[] };
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      ['ok.maml.md', true],
      ['bad.maml.md', false],
    ]);
    const bad = report.files[1] as unknown as { errors: number; diagnostics: Record<string, unknown>[] };
    expect(bad.errors).toBeGreaterThan(0);
    const first = bad.diagnostics[0] ?? {};
    expect(first['severity']).toBe('error');
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(['code', 'message', 'line', 'column', 'endLine', 'endColumn']),
    );
    expect(typeof first['line']).toBe('number');
  });

  it('reads standard input with -', () => {
    expect(mamlkit(dir, ['check', '-'], VALID_MAML).status).toBe(0);
    const run = mamlkit(dir, ['check', '-'], INVALID_MAML);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^<stdin>:\d+:\d+: error /m);
  });

  it('exits 2 on a missing file, after checking the others', () => {
    const run = mamlkit(dir, ['check', 'missing.maml.md', 'bad.maml.md']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("mamlkit: ERR_IO: input file 'missing.maml.md': no such file or directory\n");
    expect(run.stdout).toContain('bad.maml.md:');
  });
});
