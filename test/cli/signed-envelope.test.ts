import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateKeyring,
  openStream,
  sealSync,
  type OpenedHeader,
  type SignatureOptions,
} from '../../src/envelope/index.js';
import { createTrustStore, generateSigningKeyPair } from '../../src/sign/index.js';
import { openReport } from '../../src/cli/commands/open.js';
import { streamOf } from '../envelope/helpers.js';
import { ensureBuilt, keygen, listing, mamlkit, tempDir } from './helpers.js';

beforeAll(ensureBuilt, 300_000);

describe('issue 16: mamlkit seal --sign, open --trust, rotate, rewrap --remove', () => {
  const dir = tempDir();
  const data = randomBytes(200_000);
  beforeAll(() => {
    writeFileSync(join(dir, 'data.bin'), data);
    keygen(
      dir,
      ['--layers', '2', '--out', 'old.keyring'],
      ['--layers', '1', '--kem', 'ml-kem-1024', '--out', 'new.keyring'],
      ['--layers', '1', '--out', 'other.keyring'],
      ['--out', 'alice.jwk'],
      ['--alg', 'ML-DSA-44', '--out', 'mallory.jwk'],
    );
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals signed, inspects the signer, and opens only with the signer trusted', () => {
    const sealed = mamlkit(dir, ['seal', 'data.bin', '--keyring', 'old.keyring', '--sign', 'alice.jwk']);
    expect(sealed.status, sealed.stderr).toBe(0);
    expect(sealed.stdout).toMatch(
      /^sealed data\.bin for 1 keyring\(s\), signed by [\w-]{43}: data\.bin\.mkenv\n$/,
    );
    const alice = (JSON.parse(readFileSync(join(dir, 'alice.jwk.pub'), 'utf8')) as { kid: string }).kid;
    const info = JSON.parse(mamlkit(dir, ['inspect', 'data.bin.mkenv', '--json']).stdout) as Record<
      string,
      unknown
    >;
    expect(info).toMatchObject({ version: 2, suite: 2, signer: { algorithm: 'ML-DSA-87', keyId: alice } });
    expect(mamlkit(dir, ['inspect', 'data.bin.mkenv']).stdout).toMatch(
      new RegExp(`^signer: +ML-DSA-87 ${alice} `, 'm'),
    );
    const files = listing(dir);
    for (const [args, code] of [
      [[], 'ERR_ENVELOPE_TRUST_REQUIRED'],
      [['--trust', 'mallory.jwk.pub'], 'ERR_ENVELOPE_SIGNER_UNTRUSTED'],
    ] as const) {
      const run = mamlkit(dir, [
        'open',
        'data.bin.mkenv',
        '--keyring',
        'old.keyring',
        '--out',
        'x.out',
        ...args,
      ]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^mamlkit: ${code}: `));
      expect(listing(dir)).toEqual(files);
    }
    const opened = mamlkit(dir, [
      'open',
      'data.bin.mkenv',
      '-k',
      'old.keyring',
      '-t',
      'alice.jwk.pub',
      '-o',
      'a.out',
    ]);
    expect(opened.stdout).toBe('opened data.bin.mkenv (signed by a trusted key): a.out\n');
    expect(readFileSync(join(dir, 'a.out')).equals(data)).toBe(true);
    const skipped = ['open', 'data.bin.mkenv', '-k', 'old.keyring', '--ignore-signature', '-o', '-'];
    expect(mamlkit(dir, skipped).status).toBe(0);
    expect(mamlkit(dir, [...skipped, '--trust', 'alice.jwk.pub']).status).toBe(2);
    // A changed signature byte: refused, and no output left behind.
    const bytes = readFileSync(join(dir, 'data.bin.mkenv'));
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 1;
    writeFileSync(join(dir, 'forged.mkenv'), bytes);
    const before = listing(dir);
    const forged = mamlkit(dir, [
      'open',
      'forged.mkenv',
      '-k',
      'old.keyring',
      '-t',
      'alice.jwk.pub',
      '-o',
      'f.out',
    ]);
    expect(forged.status).toBe(1);
    expect(forged.stderr).toMatch(/^mamlkit: ERR_ENVELOPE_SIGNATURE: /);
    expect(listing(dir)).toEqual(before);
    // An unsigned envelope under --trust is refused.
    mamlkit(dir, ['seal', 'data.bin', '--keyring', 'old.keyring', '--out', 'unsigned.mkenv']);
    const unsigned = mamlkit(dir, [
      'open',
      'unsigned.mkenv',
      '-k',
      'old.keyring',
      '-t',
      'alice.jwk.pub',
      '-o',
      '-',
    ]);
    expect(unsigned.stderr).toMatch(/^mamlkit: ERR_ENVELOPE_UNSIGNED: /);
  });

  it('item 1: open - --json reports the signer the stream verified, also from standard input', () => {
    expect(
      mamlkit(dir, ['seal', 'data.bin', '-k', 'old.keyring', '--sign', 'alice.jwk', '-o', 'in.mkenv']).status,
    ).toBe(0);
    const alice = (JSON.parse(readFileSync(join(dir, 'alice.jwk.pub'), 'utf8')) as { kid: string }).kid;
    const signer = { algorithm: 'ML-DSA-87', keyId: alice };
    const envelope = readFileSync(join(dir, 'in.mkenv'));
    const open = (check: string[], out: string) =>
      mamlkit(dir, ['open', '-', '-k', 'old.keyring', ...check, '--out', out, '--json'], envelope);
    const trusted = open(['--trust', 'alice.jwk.pub'], 'in.out');
    expect(trusted.status, trusted.stderr).toBe(0);
    expect(JSON.parse(trusted.stdout)).toEqual({
      file: '-',
      out: 'in.out',
      bytes: data.length,
      signer,
      verifiedBy: alice,
    });
    // Opened without the check: the header names the signer, and nothing says it verified.
    const skipped = open(['--ignore-signature'], 'skipped.out');
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(JSON.parse(skipped.stdout)).toEqual({ file: '-', out: 'skipped.out', bytes: data.length, signer });
  });

  it('item 1: the open report is built from the header the stream authenticated, verifiedBy only when it checked the signature', async () => {
    const keyring = generateKeyring();
    const pair = generateSigningKeyPair();
    const signer = { algorithm: pair.publicKey.algorithm, keyId: pair.publicKey.keyId };
    const seen = async (
      envelope: Uint8Array,
      options: SignatureOptions,
    ): Promise<OpenedHeader | undefined> => {
      let header: OpenedHeader | undefined;
      const stream = openStream(keyring, { ...options, onHeader: (h) => (header = h) });
      await streamOf(envelope).pipeThrough(stream).pipeTo(new WritableStream());
      return header;
    };
    const signed = sealSync('x', keyring, { signer: pair.secretKey });
    const trust = createTrustStore([pair.publicKey]);
    expect(openReport('a', 'b', 1, await seen(signed, { trust }))).toEqual({
      file: 'a',
      out: 'b',
      bytes: 1,
      signer,
      verifiedBy: signer.keyId,
    });
    expect(openReport('a', 'b', 1, await seen(signed, { ignoreSignature: true }))).toEqual({
      file: 'a',
      out: 'b',
      bytes: 1,
      signer,
    });
    expect(openReport('a', 'b', 1, await seen(sealSync('x', keyring), {}))).toEqual({
      file: 'a',
      out: 'b',
      bytes: 1,
    });
  });

  it('rotates in place with a new data key: the old keyring opens nothing of the result', () => {
    mamlkit(dir, ['seal', 'data.bin', '--keyring', 'old.keyring', '--out', 'r.mkenv']);
    writeFileSync(join(dir, 'r-old-copy.mkenv'), readFileSync(join(dir, 'r.mkenv')));
    const mode = statSync(join(dir, 'r.mkenv')).mode;
    const run = mamlkit(dir, [
      'rotate',
      'r.mkenv',
      '--keyring',
      'old.keyring',
      '--to',
      'new.keyring.pub',
      '-q',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(statSync(join(dir, 'r.mkenv')).mode).toBe(mode);
    expect(mamlkit(dir, ['open', 'r.mkenv', '-k', 'old.keyring', '-o', '-']).stderr).toMatch(
      /ERR_ENVELOPE_NO_MATCHING_STANZA/,
    );
    const opened = mamlkit(dir, ['open', 'r.mkenv', '-k', 'new.keyring', '-o', 'r.out']);
    expect(opened.status, opened.stderr).toBe(0);
    expect(readFileSync(join(dir, 'r.out')).equals(data)).toBe(true);
    // The old copy shares nothing with the new file but the plaintext.
    const [oldCopy, rotated] = [
      readFileSync(join(dir, 'r-old-copy.mkenv')),
      readFileSync(join(dir, 'r.mkenv')),
    ];
    expect(rotated.subarray(14, 46).equals(oldCopy.subarray(14, 46))).toBe(false);
    // --out writes elsewhere and signs; a signed input needs --trust.
    const signed = ['rotate', 'r.mkenv', '-k', 'new.keyring', '--to', 'other.keyring', '--sign', 'alice.jwk'];
    expect(mamlkit(dir, [...signed, '--out', 's.mkenv']).status).toBe(0);
    const again = mamlkit(dir, [
      'rotate',
      's.mkenv',
      '-k',
      'other.keyring',
      '--to',
      'old.keyring',
      '-o',
      't.mkenv',
    ]);
    expect(again.stderr).toMatch(/^mamlkit: ERR_ENVELOPE_TRUST_REQUIRED: /);
    expect(listing(dir)).not.toContain('t.mkenv');
    const trusted = [
      'rotate',
      's.mkenv',
      '-k',
      'other.keyring',
      '--to',
      'old.keyring',
      '-t',
      'alice.jwk.pub',
    ];
    expect(mamlkit(dir, [...trusted, '-o', 't.mkenv']).status).toBe(0);
    expect(mamlkit(dir, ['open', 't.mkenv', '-k', 'old.keyring', '-o', '-']).stdout.length).toBeGreaterThan(
      0,
    );
    expect(mamlkit(dir, ['rotate', 't.mkenv', '-k', 'old.keyring']).status).toBe(2);
  });

  it('rewrap --remove of a keyring with no stanza fails and changes nothing; a signed envelope is refused', () => {
    mamlkit(dir, ['seal', 'data.bin', '--keyring', 'old.keyring', '--out', 'w.mkenv']);
    const before = readFileSync(join(dir, 'w.mkenv'));
    const run = mamlkit(dir, ['rewrap', 'w.mkenv', '-k', 'old.keyring', '--remove', 'other.keyring']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^mamlkit: ERR_ENVELOPE_NO_MATCHING_STANZA: /);
    expect(run.stdout).toBe('');
    expect(readFileSync(join(dir, 'w.mkenv')).equals(before)).toBe(true);
    const signed = mamlkit(dir, ['rewrap', 'data.bin.mkenv', '-k', 'old.keyring', '--add', 'other.keyring']);
    expect(signed.status).toBe(1);
    expect(signed.stderr).toMatch(/^mamlkit: ERR_ENVELOPE_SIGNED: /);
  });
});
