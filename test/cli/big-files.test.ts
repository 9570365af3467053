import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrustStore, importSigningPublicJwk, verifyDetached } from '../../src/sign/index.js';
import { CLI, ensureBuilt, mamlkit, tempDir } from './helpers.js';

const GIB = 1024 * 1024 * 1024;
/** The goal for each command on a 1 GiB file: peak resident memory under 150 MiB. */
const PEAK_LIMIT_KIB = 150 * 1024;
/** `sha256sum` and `sha512sum` (GNU coreutils) of 2^30 zero bytes: what the CLI must compute. */
const ZEROS_SHA256 = '49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14';
const ZEROS_SHA512 =
  'c5041ae163cf0f65600acfe7f6a63f212101687d41a57a4e18ffd2a07a452cd8175b8f5a4868dd2330bfe5ae123f18216bdbc9e0f80d131e64b94913a7b40bb5';

/** What a CLI run under GNU time gave: its exit status, output and peak resident memory. */
interface MeasuredRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakKiB: number;
}

/** Runs the CLI under `/usr/bin/time -f %M` (peak RSS in KiB, its last line on stderr), standard input from `stdinPath` if given. */
function measured(cwd: string, args: readonly string[], stdinPath?: string): MeasuredRun {
  const stdin = stdinPath === undefined ? 'ignore' : openSync(stdinPath, 'r');
  try {
    const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, ...args], {
      cwd,
      encoding: 'utf8',
      stdio: [stdin, 'pipe', 'pipe'],
      timeout: 300_000,
    });
    const lines = run.stderr.trimEnd().split('\n');
    const peakKiB = Number(lines.at(-1));
    if (!Number.isInteger(peakKiB)) throw new Error(`no peak memory in: ${run.stderr}`);
    return { status: run.status, stdout: run.stdout, stderr: lines.slice(0, -1).join('\n'), peakKiB };
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
  }
}

describe('mamlkit on a 1 GiB file', () => {
  const dir = tempDir();
  const big = join(dir, 'big.bin');
  beforeAll(() => {
    ensureBuilt();
    expect(mamlkit(dir, ['keygen', '--out', 'k.jwk']).status).toBe(0);
    // A sparse file: every byte is still read and hashed.
    writeFileSync(big, '');
    truncateSync(big, GIB);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('item 3: signs detached, verifies from standard input and hashes into the audit log, each under 150 MiB peak RSS', () => {
    const sign = measured(dir, [
      'sign',
      'big.bin',
      '--key',
      'k.jwk',
      '--detached',
      '--trusted-comment',
      '1 GiB',
    ]);
    expect(sign.status, sign.stderr).toBe(0);
    // The CLI signed the SHA-512 of every byte: the library verifies it from coreutils' digest.
    const trust = createTrustStore([importSigningPublicJwk(readFileSync(join(dir, 'k.jwk.pub'), 'utf8'))]);
    const sig = readFileSync(join(dir, 'big.bin.sig'), 'utf8');
    expect(verifyDetached({ sha512: Buffer.from(ZEROS_SHA512, 'hex') }, sig, trust).valid).toBe(true);

    const verify = measured(
      dir,
      ['verify', '-', '--signature', 'big.bin.sig', '--trust', 'k.jwk.pub', '--json'],
      big,
    );
    expect(verify.status, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ valid: true, trustedComment: '1 GiB' });

    const append = measured(dir, [
      ...['audit', 'append', 'audit.jsonl', '--key', 'k.jwk', '--actor', 'agent://ci'],
      ...['--action', 'SEAL', '--document', 'big.bin', '--subject-id', 'big.bin', '--json'],
    ]);
    expect(append.status, append.stderr).toBe(0);
    expect(JSON.parse(append.stdout)).toMatchObject({
      entry: { subject: { id: 'big.bin', digest: `sha256:${ZEROS_SHA256}` } },
    });

    const peaks = { sign: sign.peakKiB, verify: verify.peakKiB, append: append.peakKiB };
    console.log(`peak RSS on 1 GiB (KiB): ${JSON.stringify(peaks)}`);
    for (const [command, peak] of Object.entries(peaks)) expect(peak, command).toBeLessThan(PEAK_LIMIT_KIB);
  }, 600_000);
});
