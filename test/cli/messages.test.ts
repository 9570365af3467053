import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffFileKind } from '../../src/cli/file-kind.js';
import { formatProgress } from '../../src/cli/progress.js';
import {
  auditAppend,
  CLI,
  ensureBuilt,
  expectWrongKind,
  keygen,
  listing,
  mamlkit,
  tempDir,
  VALID_MAML,
} from './helpers.js';

const MIB = 1024 * 1024;

/** Runs `mamlkit ARGS` on a pseudo-terminal (util-linux script); returns what the terminal showed. */
function onTerminal(cwd: string, args: string): { status: number | null; output: string } {
  const run = spawnSync('script', ['-qefc', `'${process.execPath}' '${CLI}' ${args}`, '/dev/null'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, output: run.stdout };
}

describe('error messages that name the culprit', () => {
  const dir = tempDir();
  beforeAll(() => {
    ensureBuilt();
    mkdirSync(join(dir, 'adir'));
    writeFileSync(join(dir, 'x.txt'), 'hello\n');
    writeFileSync(join(dir, 'notes.md'), VALID_MAML);
    keygen(dir, ['--layers', '2', '--out', 'k.keyring'], ['--out', 's.jwk']);
    expect(mamlkit(dir, ['seal', 'x.txt', '--keyring', 'k.keyring']).status).toBe(0);
    expect(mamlkit(dir, ['sign', 'x.txt', '--key', 's.jwk', '--detached']).status).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('item 1: every command family names the path and the option or role of a file it cannot read', () => {
    const cases: [string[], string][] = [
      [['seal', 'x.txt', '--keyring', 'adir'], '--keyring adir: is a directory'],
      [['seal', 'nope.md', '--keyring', 'k.keyring'], "input file 'nope.md': no such file or directory"],
      [
        ['seal', 'x.txt', '--keyring', 'k.keyring', '--out', 'missing/x.mkenv'],
        '--out missing/x.mkenv: no such file or directory',
      ],
      [['open', 'adir', '--keyring', 'k.keyring', '--out', 'o'], "input file 'adir': is a directory"],
      [['rewrap', 'x.txt.mkenv', '--keyring', 'k.keyring', '--add', 'adir'], '--add adir: is a directory'],
      [
        ['rotate', 'x.txt.mkenv', '--keyring', 'k.keyring', '--to', 'nope.keyring'],
        '--to nope.keyring: no such file or directory',
      ],
      [['sign', 'notes.md', '--key', 'adir'], '--key adir: is a directory'],
      [['verify', 'notes.md', '--trust', 'adir'], '--trust adir: is a directory'],
      [
        ['verify', 'notes.md', '--detached', '--trust', 's.jwk.pub'],
        "signature file 'notes.md.sig': no such file or directory",
      ],
      [['check', 'adir'], "input file 'adir': is a directory"],
      [
        auditAppend(
          'adir',
          { key: 's.jwk', actor: 'a://b', action: 'X', document: 'x.txt' },
          '--subject-id',
          'urn:x:1',
        ),
        "audit log 'adir': is a directory",
      ],
      [
        auditAppend(
          'log.jsonl',
          { key: 's.jwk', actor: 'a://b', action: 'X', document: 'adir' },
          '--subject-id',
          'urn:x:1',
        ),
        '--document adir: is a directory',
      ],
      [['gate', 'adir', '--allow-unsigned', '--principal', 'a://b'], "input file 'adir': is a directory"],
      [['preflight', '--provider', 'openai', '--file', 'adir'], '--file adir: is a directory'],
    ];
    const before = listing(dir);
    for (const [args, message] of cases) {
      const run = mamlkit(dir, args);
      expect(run.stderr, args.join(' ')).toBe(`mamlkit: ERR_IO: ${message}\n`);
      expect(run.status).toBe(2);
    }
    expect(listing(dir)).toEqual(before);
  });

  it('item 2: an output that is a directory says so, with the option, even with --force', () => {
    for (const extra of [
      ['--out', 'adir/'],
      ['--out', 'adir'],
      ['--out', 'adir', '--force'],
    ]) {
      const run = mamlkit(dir, ['seal', 'x.txt', '--keyring', 'k.keyring', ...extra]);
      expect(run.stderr).toBe(
        `mamlkit: ERR_IO: --out ${extra[1] ?? ''}: is a directory; name a file to write\n`,
      );
      expect(run.status).toBe(2);
    }
    const fresh = mamlkit(dir, ['sign', 'x.txt', '--key', 's.jwk', '--detached', '--out', 'newdir/']);
    expect(fresh.stderr).toBe('mamlkit: ERR_IO: --out newdir/: names a directory; name a file to write\n');
  });

  it('item 3: a file of the wrong kind is named for what it is, with what to do instead', () => {
    const cases: [string[], string][] = [
      [
        ['open', 'notes.md', '--keyring', 'k.keyring', '--out', 'o'],
        "input file 'notes.md' is a MAML document, not an envelope (to check a signature use mamlkit verify)",
      ],
      [
        ['verify', 'x.txt.mkenv', '--trust', 's.jwk.pub'],
        "input file 'x.txt.mkenv' is an envelope, not a MAML document (to decrypt it use mamlkit open)",
      ],
      [
        ['check', 'x.txt.sig'],
        "input file 'x.txt.sig' is a detached signature, not a MAML document (verify the file it signs: mamlkit verify FILE --detached)",
      ],
      [
        ['sign', 'notes.md', '--key', 's.jwk.pub'],
        '--key s.jwk.pub is a public signing key, not a secret signing key (it checks signatures, given with --trust; signing needs its secret key)',
      ],
      [
        ['seal', 'x.txt', '--keyring', 's.jwk', '--out', 'y'],
        '--keyring s.jwk is a secret signing key, not a keyring (it signs, given with --key or --sign; --trust takes its public key, the .pub file)',
      ],
      [
        ['rewrap', 's.jwk.pub', '--keyring', 'k.keyring', '--add', 'k.keyring'],
        "input file 's.jwk.pub' is a public signing key, not an envelope (it checks signatures, given with --trust; signing needs its secret key)",
      ],
      [
        ['audit', 'verify', 'notes.md', '--trust', 's.jwk.pub'],
        "audit log 'notes.md' is a MAML document, not an audit log (to check a signature use mamlkit verify)",
      ],
      [
        ['verify', 'x.txt', '--signature', 'x.txt.mkenv', '--trust', 's.jwk.pub'],
        '--signature x.txt.mkenv is an envelope, not a detached signature (to decrypt it use mamlkit open)',
      ],
    ];
    expectWrongKind(dir, cases);
    // A secret key given as trust has its own code, with the command that makes the public key.
    const secretTrust = mamlkit(dir, ['verify', 'notes.md', '--trust', 's.jwk']);
    expect(secretTrust.stderr).toMatch(/^mamlkit: ERR_KEY_SECRET: s\.jwk: .*'mamlkit key public s\.jwk/);
    expect(secretTrust.status).toBe(2);
  });

  it('item 3: the sniffer tells every kind mamlkit writes from its first bytes', () => {
    const read = (name: string): Uint8Array => readFileSync(join(dir, name));
    mamlkit(dir, ['seal', 'x.txt', '--keyring', 'k.keyring', '--armor']);
    mamlkit(
      dir,
      auditAppend('kinds.jsonl', { key: 's.jwk', actor: 'a://b', action: 'X', document: 'notes.md' }),
    );
    expect(sniffFileKind(read('x.txt.mkenv'))).toBe('envelope');
    expect(sniffFileKind(read('x.txt.mkenv.asc'))).toBe('armored-envelope');
    expect(sniffFileKind(read('notes.md'))).toBe('maml');
    expect(sniffFileKind(read('s.jwk'))).toBe('secret-signing-key');
    expect(sniffFileKind(read('s.jwk.pub'))).toBe('public-signing-key');
    expect(sniffFileKind(read('k.keyring'))).toBe('keyring');
    expect(sniffFileKind(read('kinds.jsonl'))).toBe('audit-log');
    expect(sniffFileKind(read('x.txt.sig'))).toBe('detached-signature');
    expect(sniffFileKind(read('x.txt'))).toBe('other');
    expect(sniffFileKind(new Uint8Array(0))).toBe('other');
  });

  it('item 5: seal refuses to write a binary envelope to a terminal, and writes it into a pipe', () => {
    const refused = onTerminal(dir, 'seal x.txt --keyring k.keyring --out -');
    expect(refused.status).toBe(2);
    expect(refused.output).toContain(
      'mamlkit: ERR_USAGE: the output is a binary envelope and standard output is a terminal: pass --armor for text, or --out FILE (or redirect it: > FILE)',
    );
    expect(onTerminal(dir, 'seal x.txt --keyring k.keyring --armor --out -').output).toContain(
      '-----BEGIN MAMLKIT ENVELOPE-----',
    );
    const piped = mamlkit(dir, ['seal', 'x.txt', '--keyring', 'k.keyring', '--out', '-']);
    expect(piped.status).toBe(0);
    expect(piped.stdout.startsWith('MKEV')).toBe(true);
  });

  it('item 7: progress shows MiB done, the rate and the time left on a terminal, nothing in a pipe', () => {
    writeFileSync(join(dir, 'big.bin'), new Uint8Array(12 * MIB));
    const shown = onTerminal(dir, 'seal big.bin --keyring k.keyring --out big.mkenv');
    expect(shown.status).toBe(0);
    expect(shown.output).toMatch(/\rsealing \[#{30}\] 100% 12\.0\/12\.0 MiB \d+\.\d MiB\/s in \d+:\d\d/);
    const piped = mamlkit(dir, ['seal', 'big.bin', '--keyring', 'k.keyring', '--out', 'big2.mkenv']);
    expect(piped).toMatchObject({ status: 0, stderr: '' });
  }, 120_000);
});

describe('item 7: the progress line', () => {
  it('item 7: gives MiB done of the total, the rate and the time left at that rate', () => {
    expect(formatProgress({ label: 'sealing', done: 50 * MIB, total: 200 * MIB, elapsedMs: 500 })).toBe(
      'sealing [########----------------------]  25% 50.0/200.0 MiB 100.0 MiB/s 0:02 left',
    );
    expect(formatProgress({ label: 'opening', done: 3 * MIB, total: 6000 * MIB, elapsedMs: 1000 })).toBe(
      'opening [------------------------------]   0% 3.0/6000.0 MiB 3.0 MiB/s 33:19 left',
    );
    expect(formatProgress({ label: 'opening', done: 1 * MIB, total: 40000 * MIB, elapsedMs: 1000 })).toMatch(
      / 1\.0 MiB\/s 11:06:39 left$/,
    );
  });

  it('item 7: says -- until a rate is known, and the time taken once done', () => {
    expect(formatProgress({ label: 'sealing', done: 0, total: 9 * MIB, elapsedMs: 0 })).toBe(
      'sealing [------------------------------]   0% 0.0/9.0 MiB -- MiB/s -:-- left',
    );
    expect(formatProgress({ label: 'sealing', done: 9 * MIB, total: 9 * MIB, elapsedMs: 61_500 })).toBe(
      'sealing [##############################] 100% 9.0/9.0 MiB 0.1 MiB/s in 1:02',
    );
  });
});
