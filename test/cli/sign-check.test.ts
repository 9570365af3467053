import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasBombLines } from '../sign/fixtures.js';
import { ensureBuilt, INVALID_MAML, keygen, mamlkit, ROOT, tempDir, VALID_MAML } from './helpers.js';

const SIGNATURE_LINE = /^```maml-signature$/gm;

/** Front matter whose aliases expand past the parser's node limit. */
function aliasBomb(): string {
  return VALID_MAML.replace('---\n', `---\n${aliasBombLines()}\n`);
}

const UNPARSEABLE: Readonly<Record<string, { text: string; code: string }>> = {
  'empty.maml.md': { text: '', code: 'MAML_MISSING_FRONT_MATTER' },
  'no-front-matter.maml.md': {
    text: '## Intent\nSay hello.\n\n## Context\nA test.\n',
    code: 'MAML_MISSING_FRONT_MATTER',
  },
  'alias-bomb.maml.md': { text: aliasBomb(), code: 'MAML_PARSE_FAILED' },
  'big-front-matter.maml.md': {
    text: VALID_MAML.replace('---\n', `---\nnotes: "${'x'.repeat(70_000)}"\n`),
    code: 'MAML_PARSE_FAILED',
  },
  'big-document.maml.md': { text: VALID_MAML + 'word '.repeat(220_000), code: 'MAML_PARSE_FAILED' },
};

describe('mamlkit sign validates before signing', () => {
  const dir = tempDir();
  beforeAll(() => {
    ensureBuilt();
    for (const [name, { text }] of Object.entries(UNPARSEABLE)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'invalid.maml.md'), INVALID_MAML);
    keygen(dir, ['--out', 'alice.jwk'], ['--out', 'bob.jwk']);
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('issue 19 sign strictness: an empty file, no front matter, an alias bomb and documents over a limit are refused, even with --allow-invalid', () => {
    for (const [name, { text, code }] of Object.entries(UNPARSEABLE)) {
      for (const extra of [[], ['--allow-invalid']]) {
        const run = mamlkit(dir, ['sign', name, '--key', 'alice.jwk', ...extra]);
        expect(run.status, name).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(`${name}:1:1: error ${code}: `);
        expect(run.stderr).toMatch(
          /^mamlkit: ERR_SIGN_MAML_UNPARSEABLE: refusing to sign .+--allow-invalid does not change that\n$/m,
        );
        expect(run.stderr).not.toMatch(/^ {4}at /m);
        expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
      }
    }
  });

  it('issue 19 sign strictness: a file that fails strict validation is refused with its diagnostics, and signed with --allow-invalid', () => {
    const refused = mamlkit(dir, ['sign', 'invalid.maml.md', '--key', 'alice.jwk']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^invalid\.maml\.md:\d+:\d+: error MAML_MISSING_SECTION: /m);
    expect(refused.stderr).toContain('mamlkit: ERR_SIGN_MAML_INVALID: refusing to sign invalid.maml.md');
    expect(readFileSync(join(dir, 'invalid.maml.md'), 'utf8')).toBe(INVALID_MAML);
    const piped = mamlkit(dir, ['sign', '-', '--key', 'alice.jwk'], INVALID_MAML);
    expect(piped).toMatchObject({ status: 1, stdout: '' });
    expect(piped.stderr).toMatch(/^<stdin>:\d+:\d+: error MAML_MISSING_SECTION: /m);
    const allowed = mamlkit(dir, ['sign', 'invalid.maml.md', '--key', 'alice.jwk', '--allow-invalid']);
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toMatch(/^invalid\.maml\.md:\d+:\d+: error MAML_MISSING_SECTION: /m);
    expect(mamlkit(dir, ['verify', 'invalid.maml.md', '--trust', 'alice.jwk.pub']).status).toBe(0);
  });

  it('issue 19 sign strictness: --allow-invalid is a usage error with --detached', () => {
    const run = mamlkit(dir, [
      'sign',
      'invalid.maml.md',
      '--key',
      'alice.jwk',
      '--detached',
      '--allow-invalid',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--allow-invalid applies to embedded signatures');
  });

  it('issue 19 re-signing: signing twice with one key leaves one block that verifies', () => {
    writeFileSync(join(dir, 'twice.maml.md'), VALID_MAML);
    expect(mamlkit(dir, ['sign', 'twice.maml.md', '--key', 'alice.jwk']).status).toBe(0);
    expect(mamlkit(dir, ['sign', 'twice.maml.md', '--key', 'alice.jwk']).status).toBe(0);
    expect(readFileSync(join(dir, 'twice.maml.md'), 'utf8').match(SIGNATURE_LINE)).toHaveLength(1);
    expect(mamlkit(dir, ['verify', 'twice.maml.md', '--trust', 'alice.jwk.pub']).status).toBe(0);
  });

  it('issue 19 re-signing: A then B then A gives one block each, and both verify', () => {
    writeFileSync(join(dir, 'aba.maml.md'), VALID_MAML);
    for (const key of ['alice.jwk', 'bob.jwk', 'alice.jwk']) {
      expect(mamlkit(dir, ['sign', 'aba.maml.md', '--key', key]).status).toBe(0);
    }
    expect(readFileSync(join(dir, 'aba.maml.md'), 'utf8').match(SIGNATURE_LINE)).toHaveLength(2);
    const run = mamlkit(dir, [
      'verify',
      'aba.maml.md',
      '--trust',
      'alice.jwk.pub',
      '--trust',
      'bob.jwk.pub',
      '--threshold',
      '2',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { signatures: { valid: boolean }[] };
    expect(report.signatures.map((s) => s.valid)).toEqual([true, true]);
  });
});

describe('mamlkit check summary and false-claim warning', () => {
  const dir = tempDir();
  const corpus = 'primes_GLASTONBURY2048_health_workflow.maml.markdown';
  beforeAll(() => {
    ensureBuilt();
    writeFileSync(join(dir, 'ok.maml.md'), VALID_MAML);
    writeFileSync(join(dir, 'bad.maml.md'), INVALID_MAML);
    writeFileSync(
      join(dir, 'claim.maml.md'),
      VALID_MAML.replace('type: workflow', 'type: workflow\nencryption: "AES-2048"'),
    );
    writeFileSync(join(dir, 'empty.maml.md'), '');
    copyFileSync(join(ROOT, 'test/corpus/macroslow', corpus), join(dir, corpus));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('issue 19 check summary: one line on stdout for a clean file, a file with warnings and a file with errors', () => {
    expect(mamlkit(dir, ['check', 'ok.maml.md'])).toMatchObject({
      status: 0,
      stdout: 'ok.maml.md: valid MAML 2.0.0, 0 errors, 0 warnings\n',
      stderr: '',
    });
    const warned = mamlkit(dir, ['check', 'claim.maml.md']);
    expect(warned.status).toBe(0);
    expect(warned.stdout.split('\n').at(-2)).toBe('claim.maml.md: valid MAML 2.0.0, 0 errors, 1 warning');
    const bad = mamlkit(dir, ['check', 'bad.maml.md', 'empty.maml.md']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^bad\.maml\.md: invalid MAML 2\.0\.0, 2 errors, 0 warnings$/m);
    expect(bad.stdout).toMatch(/^empty\.maml\.md: invalid MAML \(no version\), 3 errors, 0 warnings$/m);
    const stdin = mamlkit(dir, ['check', '-'], 'word '.repeat(220_000));
    expect(stdin.stdout).toMatch(/^<stdin>: invalid, does not parse, 1 error, 0 warnings$/m);
  });

  it('issue 19 check summary: --json keeps its shape and adds the summary line', () => {
    const run = mamlkit(dir, ['check', '--json', 'ok.maml.md', 'bad.maml.md']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { files: Record<string, unknown>[] };
    expect(report.files.map((f) => Object.keys(f))).toEqual([
      ['file', 'valid', 'errors', 'warnings', 'summary', 'diagnostics'],
      ['file', 'valid', 'errors', 'warnings', 'summary', 'diagnostics'],
    ]);
    expect(report.files[0]?.['summary']).toBe('ok.maml.md: valid MAML 2.0.0, 0 errors, 0 warnings');
  });

  it('issue 19 false claims: check warns on the corpus file’s encryption "AES-2048", pointing to docs/security.md', () => {
    const run = mamlkit(dir, ['check', '--lenient', corpus]);
    expect(run.stdout).toMatch(
      new RegExp(
        `^${corpus.replaceAll('.', '\\.')}:5:14: warning MAML_UNBACKED_SECURITY_CLAIM: "AES-2048" .+\\n {2}hint: .*docs/security\\.md`,
        'm',
      ),
    );
  });
});
