import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withFileLock } from '../../src/cli/audit-lock.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { describeError, outputError } from '../../src/cli/errors.js';
import { removeTemporaries, writeAtomically } from '../../src/cli/io.js';
import { CLI, ensureBuilt, keygen, listing, mamlkit, tempDir, VALID_MAML } from './helpers.js';

const MIB = 1024 * 1024;

/** Runs a shell pipeline; `pipefail` makes its status the first failing command's. */
function shell(cwd: string, script: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('bash', ['-c', `set -o pipefail; ${script}`], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const cli = `'${process.execPath}' '${CLI}'`;

function temporaries(dir: string): string[] {
  return listing(dir).filter((name) => name.endsWith('.tmp'));
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 60_000) throw new Error('timed out waiting');
    await sleep(10);
  }
}

/** Whether a process has ended (gone, or a zombie nobody reaped yet). */
function ended(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('mamlkit output and signals', () => {
  let dir: string;
  let envelope: Buffer;

  beforeAll(() => {
    ensureBuilt();
    dir = tempDir();
    keygen(
      dir,
      ['--layers', '2', '--out', 'k.keyring'],
      ['--layers', '2', '--out', 'other.keyring'],
      ['--out', 'signer.jwk'],
    );
    writeFileSync(join(dir, 'data'), randomBytes(3 * MIB));
    expect(mamlkit(dir, ['seal', 'data', '--keyring', 'k.keyring', '--quiet']).status).toBe(0);
    envelope = readFileSync(join(dir, 'data.mkenv'));
    writeFileSync(join(dir, 'prompt.md'), 'word '.repeat(200_000));
  }, 60_000);

  describe('item "EPIPE ends quietly": a reader that closes standard output early', () => {
    it.each([
      ['open --out -', `open data.mkenv --keyring k.keyring --out - | head -c 10`],
      ['open --out - | head -3 (the guide)', `open data.mkenv --keyring k.keyring --out - | head -3`],
      ['seal --out -', `seal data --keyring k.keyring --out - --force | head -c 10`],
      ['tokens', `tokens prompt.md --json | head -c 1`],
      ['--help', `--help | head -c 1`],
      ['inspect --json', `inspect data.mkenv --json | head -c 1`],
    ])('item 1: %s exits 141 with nothing on standard error', (_name, command) => {
      const before = listing(dir);
      // The reader is gone before the first write: `true` exits at once.
      const closedFirst = shell(dir, `${cli} ${command.replace(/\| head.*$/, '| (exec 0<&-; true)')}`);
      expect(closedFirst).toMatchObject({ status: 141, stderr: '' });
      // The reader is gone after a few bytes: mid-stream for the megabytes of open and seal.
      const closedLater = shell(dir, `${cli} ${command} > /dev/null`);
      expect(closedLater.stderr).toBe('');
      expect(closedLater.status).toBe(/^(?:open|seal) /.test(command) ? 141 : 0);
      expect(listing(dir)).toEqual(before);
    });
  });

  describe('item "other write errors are one line": a full disk', () => {
    it.each([
      ['open --out -', ['open', 'data.mkenv', '--keyring', 'k.keyring', '--out', '-']],
      ['seal --out -', ['seal', 'data', '--keyring', 'k.keyring', '--out', '-', '--force']],
      ['tokens', ['tokens', 'prompt.md']],
    ])('item 1: %s > /dev/full is one ERR_IO line and status 2', (_name, args) => {
      const run = shell(dir, `${cli} ${args.join(' ')} > /dev/full`);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('mamlkit: ERR_IO: standard output: no space left on device\n');
    });
  });

  describe('item "no stack on any output error": every command', () => {
    const names = COMMANDS.flatMap((command) => [
      command.name,
      ...(command.subcommands ?? []).map((sub) => `${command.name} ${sub.name}`),
    ]);

    it('item 1: the help of every command and subcommand into /dev/full is one ERR_IO line, status 2', () => {
      const script = names
        .map((name) => `${cli} ${name} --help > /dev/full 2> err; echo "${name}: $? $(cat err)"`)
        .join('\n');
      const lines = shell(dir, script).stdout.trim().split('\n');
      expect(lines).toEqual(
        names.map((name) => `${name}: 2 mamlkit: ERR_IO: standard output: no space left on device`),
      );
    }, 120_000);

    it('item 1: an output error is EPIPE (status 141, no message) or one ERR_IO line naming standard output (property)', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.constantFrom('EPIPE', 'ENOSPC', 'EIO', 'EFBIG', 'EDQUOT'),
            fc.stringMatching(/^E[A-Z]{2,8}$/),
          ),
          (code) => {
            const error = outputError(Object.assign(new Error(`write ${code}`), { code, syscall: 'write' }));
            const { line, exitCode } = describeError(error);
            if (code === 'EPIPE') expect(exitCode).toBe(141);
            else {
              expect(exitCode).toBe(2);
              expect(line).toMatch(/^ERR_IO: standard output: [^\n]+$/);
            }
          },
        ),
      );
    });
  });

  describe('item "signals remove temporaries"', () => {
    /** Starts a command reading a slow standard input, waits for its temporary file, sends `signal`. */
    async function interrupt(
      args: readonly string[],
      firstBytes: Uint8Array,
      signal: NodeJS.Signals,
    ): Promise<{ status: number | null; stderr: string }> {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: dir });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.stdin.on('error', () => undefined);
      child.stdin.write(firstBytes);
      await until(() => temporaries(dir).length > 0);
      child.kill(signal);
      const status = await exited;
      child.stdin.destroy();
      return { status, stderr };
    }

    it.each([
      ['SIGHUP', 129],
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)('item 2: %s during seal removes the temporary file and exits %i', async (signal, status) => {
      const before = listing(dir);
      const run = await interrupt(
        ['seal', '-', '--keyring', 'k.keyring', '--out', 'slow.mkenv'],
        randomBytes(MIB),
        signal,
      );
      expect(run.status).toBe(status);
      expect(run.stderr).toContain(`interrupted (${signal})`);
      expect(listing(dir)).toEqual(before);
    });

    it.each([
      ['SIGHUP', 129],
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)(
      'item 2: %s during open removes the partial plaintext and exits %i',
      async (signal, status) => {
        const before = listing(dir);
        const run = await interrupt(
          ['open', '-', '--keyring', 'k.keyring', '--out', 'slow.plain'],
          envelope.subarray(0, MIB),
          signal,
        );
        expect(run.status).toBe(status);
        expect(listing(dir)).toEqual(before);
      },
    );

    it('item 2: a dropped terminal (SIGHUP from a closed pseudo-terminal) during open leaves no plaintext', async () => {
      writeFileSync(join(dir, 'big'), randomBytes(48 * MIB));
      expect(mamlkit(dir, ['seal', 'big', '--keyring', 'k.keyring', '--quiet']).status).toBe(0);
      const before = listing(dir);
      // util-linux script(1) runs the command as the session leader of a pseudo-terminal; killing
      // script closes the terminal, and the kernel sends SIGHUP to its session leader.
      const terminal = spawn(
        'script',
        ['-qefc', `exec ${cli} open big.mkenv --keyring k.keyring --out big.plain`, '/dev/null'],
        { cwd: dir, stdio: 'ignore' },
      );
      await until(() => temporaries(dir).length > 0);
      const children = `/proc/${terminal.pid}/task/${terminal.pid}/children`;
      const pid = Number(readFileSync(children, 'utf8').trim());
      expect(pid).toBeGreaterThan(0);
      terminal.kill('SIGKILL');
      await until(() => ended(pid));
      expect(listing(dir)).toEqual(before);
    }, 60_000);

    it('item 2: a held audit lock and a temporary file being written are removed by the cleanup a signal runs', async () => {
      const lock = join(dir, 'unit.lock');
      await withFileLock(lock, () => {
        expect(existsSync(lock)).toBe(true);
        removeTemporaries();
        expect(existsSync(lock)).toBe(false);
        return Promise.resolve();
      });
      await writeAtomically(join(dir, 'unit.out'), { force: false, source: '--out' }, () => {
        expect(temporaries(dir)).toHaveLength(1);
        removeTemporaries();
        expect(temporaries(dir)).toEqual([]);
        return Promise.resolve();
      }).catch(() => undefined);
      expect(temporaries(dir)).toEqual([]);
    });

    it('item 2: the cleanup leaves a lock that another process took over', async () => {
      const lock = join(dir, 'taken.lock');
      await withFileLock(lock, () => {
        writeFileSync(lock, 'another owner');
        removeTemporaries();
        expect(readFileSync(lock, 'utf8')).toBe('another owner');
        return Promise.resolve();
      });
      rmSync(lock);
    });
  });

  describe('item "in-place writes follow symlinks and keep the mode"', () => {
    it('item 4: sign in place through a symlink signs the target and keeps the link and the mode', () => {
      writeFileSync(join(dir, 'real.maml.md'), VALID_MAML);
      chmodSync(join(dir, 'real.maml.md'), 0o640);
      symlinkSync('real.maml.md', join(dir, 'link.maml.md'));
      const run = mamlkit(dir, ['sign', 'link.maml.md', '--key', 'signer.jwk']);
      expect(run.status).toBe(0);
      expect(lstatSync(join(dir, 'link.maml.md')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, 'link.maml.md'))).toBe('real.maml.md');
      expect(readFileSync(join(dir, 'real.maml.md'), 'utf8')).toContain('maml-signature');
      expect(statSync(join(dir, 'real.maml.md')).mode & 0o777).toBe(0o640);
      expect(mamlkit(dir, ['verify', 'link.maml.md', '--trust', 'signer.jwk.pub']).status).toBe(0);
      expect(temporaries(dir)).toEqual([]);
    });

    it.each([
      ['rewrap', ['--add', 'other.keyring']],
      ['rotate', ['--to', 'other.keyring']],
    ])(
      'item 4: %s in place through a symlink rewrites the target and keeps the link and the mode',
      (command, extra) => {
        writeFileSync(join(dir, `${command}-real.mkenv`), envelope);
        chmodSync(join(dir, `${command}-real.mkenv`), 0o604);
        symlinkSync(`${command}-real.mkenv`, join(dir, `${command}-link.mkenv`));
        const run = mamlkit(dir, [
          command,
          `${command}-link.mkenv`,
          '--keyring',
          'k.keyring',
          ...extra,
          '--quiet',
        ]);
        expect(run.status).toBe(0);
        expect(lstatSync(join(dir, `${command}-link.mkenv`)).isSymbolicLink()).toBe(true);
        expect(readFileSync(join(dir, `${command}-real.mkenv`)).equals(envelope)).toBe(false);
        expect(statSync(join(dir, `${command}-real.mkenv`)).mode & 0o777).toBe(0o604);
        const opened = mamlkit(dir, [
          'open',
          `${command}-link.mkenv`,
          '--keyring',
          'other.keyring',
          '--out',
          `${command}.opened`,
          '--quiet',
        ]);
        expect(opened.status).toBe(0);
        rmSync(join(dir, `${command}.opened`));
        expect(temporaries(dir)).toEqual([]);
      },
    );

    it('item 4: --force replacing a symlinked output writes the target', () => {
      writeFileSync(join(dir, 'out-real.mkenv'), 'old');
      symlinkSync('out-real.mkenv', join(dir, 'out-link.mkenv'));
      const run = mamlkit(dir, [
        'seal',
        'data',
        '--keyring',
        'k.keyring',
        '--out',
        'out-link.mkenv',
        '--force',
      ]);
      expect(run.status).toBe(0);
      expect(lstatSync(join(dir, 'out-link.mkenv')).isSymbolicLink()).toBe(true);
      expect(statSync(join(dir, 'out-real.mkenv')).size).toBe(envelope.length);
    });
  });

  describe('item "only a complete, verified result is renamed into place"', () => {
    /** The envelope with one byte of its last chunk flipped. */
    function tamperedLastChunk(bytes: Buffer): Buffer {
      const copy = Buffer.from(bytes);
      const at = copy.length - 20;
      copy[at] = (copy[at] ?? 0) ^ 1;
      return copy;
    }

    it('item 3: every writing command leaves neither output nor temporary file when it fails', () => {
      expect(
        mamlkit(dir, [
          'seal',
          'data',
          '--keyring',
          'k.keyring',
          '--sign',
          'signer.jwk',
          '--out',
          'signed.mkenv',
          '--quiet',
        ]).status,
      ).toBe(0);
      const signed = readFileSync(join(dir, 'signed.mkenv'));
      writeFileSync(join(dir, 'tampered.mkenv'), tamperedLastChunk(envelope));
      writeFileSync(join(dir, 'tampered-signed.mkenv'), tamperedLastChunk(signed));
      writeFileSync(join(dir, 'truncated.mkenv'), envelope.subarray(0, envelope.length - 1000));
      const quiet = '--quiet';
      const cases: readonly (readonly string[])[] = [
        ['open', 'tampered.mkenv', '--keyring', 'k.keyring', '--out', 'result', quiet],
        ['open', 'truncated.mkenv', '--keyring', 'k.keyring', '--out', 'result', quiet],
        ['open', 'data.mkenv', '--keyring', 'other.keyring', '--out', 'result', quiet],
        [
          'open',
          'tampered-signed.mkenv',
          '--keyring',
          'k.keyring',
          '--trust',
          'signer.jwk.pub',
          '--out',
          'result',
        ],
        [
          'open',
          'signed.mkenv',
          '--keyring',
          'k.keyring',
          '--trust',
          'other-signer.jwk.pub',
          '--out',
          'result',
        ],
        [
          'rotate',
          'tampered.mkenv',
          '--keyring',
          'k.keyring',
          '--to',
          'other.keyring',
          '--out',
          'result',
          quiet,
        ],
        [
          'rotate',
          'truncated.mkenv',
          '--keyring',
          'k.keyring',
          '--to',
          'other.keyring',
          '--out',
          'result',
          quiet,
        ],
        ['rotate', 'data.mkenv', '--keyring', 'other.keyring', '--to', 'k.keyring', '--out', 'result', quiet],
        [
          'rotate',
          'tampered-signed.mkenv',
          '--keyring',
          'k.keyring',
          '--trust',
          'signer.jwk.pub',
          '--to',
          'other.keyring',
          '--out',
          'result',
        ],
        ['rewrap', 'data.mkenv', '--keyring', 'other.keyring', '--add', 'k.keyring', '--out', 'result'],
        ['seal', 'missing', '--keyring', 'k.keyring', '--out', 'result'],
        ['sign', 'data', '--key', 'signer.jwk', '--out', 'result'],
      ];
      mamlkit(dir, ['keygen', '--out', 'other-signer.jwk']);
      const before = listing(dir);
      for (const args of cases) {
        const run = mamlkit(dir, args);
        expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(args[0] === 'seal' ? 2 : 1);
        expect(run.stderr).not.toContain('    at ');
        expect(listing(dir), args.join(' ')).toEqual(before);
      }
    }, 120_000);

    it('item 3: a failed in-place rotate leaves the original envelope as it was', () => {
      writeFileSync(join(dir, 'keep.mkenv'), tamperedLastChunk(envelope));
      const run = mamlkit(dir, [
        'rotate',
        'keep.mkenv',
        '--keyring',
        'k.keyring',
        '--to',
        'other.keyring',
        '--quiet',
      ]);
      expect(run.status).toBe(1);
      expect(readFileSync(join(dir, 'keep.mkenv')).equals(tamperedLastChunk(envelope))).toBe(true);
      expect(temporaries(dir)).toEqual([]);
    });
  });
});
