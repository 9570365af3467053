import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, keygen, listing, mamlkit, tempDir, VALID_MAML } from './helpers.js';

beforeAll(ensureBuilt, 300_000);

const MIB = 1024 * 1024;

describe('mamlkit seal, open, inspect, rewrap', () => {
  const dir = tempDir();
  const data = randomBytes(MIB + 12345);
  beforeAll(() => {
    writeFileSync(join(dir, 'doc.maml.md'), VALID_MAML);
    writeFileSync(join(dir, 'data.bin'), data);
    keygen(
      dir,
      ['--layers', '4', '--out', 'a.keyring'],
      ['--layers', '1', '--kem', 'ml-kem-1024', '--out', 'b.keyring'],
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals and opens a file, the plaintext written with mode 0600', () => {
    const sealed = mamlkit(dir, ['seal', 'data.bin', '--keyring', 'a.keyring']);
    expect(sealed.status).toBe(0);
    expect(sealed.stdout).toBe('sealed data.bin for 1 keyring(s): data.bin.mkenv\n');
    expect(
      mamlkit(dir, ['open', 'data.bin.mkenv', '--keyring', 'a.keyring', '--out', 'data.out']).status,
    ).toBe(0);
    expect(readFileSync(join(dir, 'data.out')).equals(data)).toBe(true);
    expect(statSync(join(dir, 'data.out')).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite an output without --force', () => {
    const run = mamlkit(dir, ['seal', 'data.bin', '--keyring', 'a.keyring']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ERR_EXISTS');
    expect(
      mamlkit(dir, ['open', 'data.bin.mkenv', '--keyring', 'a.keyring', '--out', 'data.out']).status,
    ).toBe(2);
  });

  it('inspects the header without a key, as text and JSON', () => {
    const text = mamlkit(dir, ['inspect', 'data.bin.mkenv']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^stanza 1: +(aes-siv:[0-9a-f]{16} ?){4}$/m);
    const info = JSON.parse(mamlkit(dir, ['inspect', 'data.bin.mkenv', '--json']).stdout) as Record<
      string,
      unknown
    >;
    expect(info).toMatchObject({
      file: 'data.bin.mkenv',
      armored: false,
      version: 1,
      chunkSize: 65536,
      plaintextBytes: data.length,
      chunks: Math.ceil(data.length / 65536),
    });
    expect((info['stanzas'] as { layers: unknown[] }[])[0]?.layers).toHaveLength(4);
  });

  it('seals for several keyrings, armored, through standard input and output', () => {
    const sealed = mamlkit(
      dir,
      ['seal', '-', '--keyring', 'a.keyring', '--keyring', 'b.keyring.pub', '--armor'],
      VALID_MAML,
    );
    expect(sealed.status).toBe(0);
    expect(sealed.stdout).toMatch(/^-----BEGIN MAMLKIT ENVELOPE-----\n/);
    writeFileSync(join(dir, 'doc.mkenv.asc'), sealed.stdout);
    for (const keyring of ['a.keyring', 'b.keyring']) {
      const opened = mamlkit(dir, ['open', 'doc.mkenv.asc', '--keyring', keyring, '--out', '-']);
      expect(opened).toMatchObject({ status: 0, stdout: VALID_MAML });
    }
    const info = JSON.parse(mamlkit(dir, ['inspect', 'doc.mkenv.asc', '--json']).stdout) as {
      stanzas: unknown[];
    };
    expect(info.stanzas).toHaveLength(2);
    const publicOnly = mamlkit(dir, ['open', 'doc.mkenv.asc', '--keyring', 'b.keyring.pub', '--out', '-']);
    expect(publicOnly.stderr).toMatch(
      /^mamlkit: ERR_FILE_KIND: --keyring b\.keyring\.pub is a public sealing keyring/,
    );
    expect(publicOnly.status).toBe(2);
  });

  it('rewraps for a new keyring without re-encrypting, in place', () => {
    mamlkit(dir, ['seal', 'doc.maml.md', '--keyring', 'a.keyring', '--out', 'doc.mkenv']);
    const headerBytes = (): number =>
      (JSON.parse(mamlkit(dir, ['inspect', 'doc.mkenv', '--json']).stdout) as { headerBytes: number })
        .headerBytes;
    const before = readFileSync(join(dir, 'doc.mkenv')).subarray(headerBytes());
    const run = mamlkit(dir, [
      'rewrap',
      'doc.mkenv',
      '--keyring',
      'a.keyring',
      '--add',
      'b.keyring',
      '--remove',
      'a.keyring',
    ]);
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'doc.mkenv')).subarray(headerBytes()).equals(before)).toBe(true);
    expect(mamlkit(dir, ['open', 'doc.mkenv', '--keyring', 'a.keyring', '--out', '-']).status).toBe(1);
    expect(mamlkit(dir, ['open', 'doc.mkenv', '--keyring', 'b.keyring', '--out', '-']).stdout).toBe(
      VALID_MAML,
    );
    expect(mamlkit(dir, ['rewrap', 'doc.mkenv', '--keyring', 'b.keyring']).status).toBe(2);
  });

  it('leaves no partial plaintext after a failed open (tampered, truncated, wrong key)', () => {
    const envelope = readFileSync(join(dir, 'data.bin.mkenv'));
    const { headerBytes } = JSON.parse(mamlkit(dir, ['inspect', 'data.bin.mkenv', '--json']).stdout) as {
      headerBytes: number;
    };
    const tampered = Buffer.from(envelope);
    tampered[headerBytes + 100] = (tampered[headerBytes + 100] ?? 0) ^ 1;
    writeFileSync(join(dir, 'tampered.mkenv'), tampered);
    writeFileSync(join(dir, 'cut.mkenv'), envelope.subarray(0, headerBytes + 8 * (65536 + 16)));
    const files = listing(dir);
    const cases = [
      ['tampered.mkenv', 'a.keyring', 'ERR_ENVELOPE_AUTH'],
      ['cut.mkenv', 'a.keyring', 'ERR_ENVELOPE_TRUNCATED'],
      ['data.bin.mkenv', 'b.keyring', 'ERR_ENVELOPE_NO_MATCHING_STANZA'],
    ] as const;
    for (const [file, keyring, code] of cases) {
      const run = mamlkit(dir, ['open', file, '--keyring', keyring, '--out', 'plain.out']);
      expect(run.status, file).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^mamlkit: ${code}: [^\\n]+\\n$`));
      expect(listing(dir)).toEqual(files);
    }
  });
});

/** Peak resident set size of a CLI run in KiB, measured from outside by GNU time. */
function peakKiB(cwd: string, args: readonly string[]): number {
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, CLI, ...args], { cwd, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  if (match?.[1] === undefined) throw new Error(`no peak memory in: ${run.stderr}`);
  return Number(match[1]);
}

function writeBigFile(path: string, bytes: number): string {
  const block = randomBytes(MIB);
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  for (let written = 0; written < bytes; written += MIB) {
    writeSync(fd, block);
    hash.update(block);
  }
  closeSync(fd);
  return hash.digest('hex');
}

function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(4 * MIB);
  for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  closeSync(fd);
  return hash.digest('hex');
}

describe('mamlkit seal and open of large files', () => {
  const dir = tempDir();
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams 30 MiB and 300 MiB with a peak memory that does not grow with the size', () => {
    mamlkit(dir, ['keygen', '--layers', '4', '--out', 'k.keyring']);
    const peaks: Record<string, { seal: number; open: number }> = {};
    for (const size of [30, 300]) {
      const name = `big${size}`;
      const digest = writeBigFile(join(dir, name), size * MIB);
      const seal = peakKiB(dir, ['seal', name, '--keyring', 'k.keyring', '--quiet']);
      rmSync(join(dir, name));
      // inspect reads only the header, whatever the size, and still knows the chunk layout.
      expect(JSON.parse(mamlkit(dir, ['inspect', `${name}.mkenv`, '--json']).stdout)).toMatchObject({
        plaintextBytes: size * MIB,
        chunks: (size * MIB) / 65536,
      });
      const open = peakKiB(dir, ['open', `${name}.mkenv`, '--keyring', 'k.keyring', '--quiet']);
      expect(sha256File(join(dir, name))).toBe(digest);
      rmSync(join(dir, name));
      rmSync(join(dir, `${name}.mkenv`));
      peaks[name] = { seal, open };
    }
    const small = peaks['big30'] as { seal: number; open: number };
    const large = peaks['big300'] as { seal: number; open: number };
    const slackKiB = 16 * 1024;
    for (const step of ['seal', 'open'] as const) {
      expect(large[step], JSON.stringify(peaks)).toBeLessThan(1.5 * small[step] + slackKiB);
      expect(large[step]).toBeLessThan((300 * 1024) / 2);
    }
  }, 180_000);

  it('draws a progress bar only on a terminal, for inputs over 8 MiB, and not with --quiet', () => {
    mamlkit(dir, ['keygen', '--layers', '2', '--out', 'p.keyring']);
    writeBigFile(join(dir, 'progress'), 12 * MIB);
    const piped = mamlkit(dir, ['seal', 'progress', '--keyring', 'p.keyring', '--out', 'piped.mkenv']);
    expect(piped).toMatchObject({ status: 0, stderr: '' });
    // util-linux script(1) runs the command on a pseudo-terminal.
    const onTerminal = (extra: string): string => {
      const command = `'${process.execPath}' '${CLI}' seal progress --keyring p.keyring --out tty.mkenv --force ${extra}`;
      const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8' });
      expect(run.status).toBe(0);
      return run.stdout;
    };
    expect(onTerminal('')).toMatch(/\rsealing \[#{30}\] 100% 12\.0\/12\.0 MiB/);
    expect(onTerminal('--quiet')).not.toContain('sealing [');
  }, 60_000);

  it('removes the partial plaintext when open is interrupted', async () => {
    mamlkit(dir, ['keygen', '--layers', '4', '--out', 'i.keyring']);
    writeBigFile(join(dir, 'interrupt'), 64 * MIB);
    expect(
      mamlkit(dir, ['seal', 'interrupt', '--keyring', 'i.keyring', '--out', 'interrupt.mkenv']).status,
    ).toBe(0);
    rmSync(join(dir, 'interrupt'));
    const before = listing(dir);
    const child = spawn(process.execPath, [CLI, 'open', 'interrupt.mkenv', '--keyring', 'i.keyring'], {
      cwd: dir,
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        resolve(code);
      }),
    );
    while (!listing(dir).some((name) => name.endsWith('.tmp'))) await setTimeout(10);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(listing(dir)).toEqual(before);
  }, 60_000);
});
