import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, listing, mamlkit, tempDir } from './helpers.js';

beforeAll(ensureBuilt, 300_000);

const PASSPHRASE = 'correct horse battery staple';

describe('custody in the CLI', () => {
  const dir = tempDir();
  beforeAll(() => {
    writeFileSync(join(dir, 'plain.txt'), 'pay 10 EUR to bob\n');
    writeFileSync(join(dir, 'pass.txt'), `${PASSPHRASE}\n`);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  /** `mamlkit open ENVELOPE -k KEYRING -o -` with MAMLKIT_PASSPHRASE set to `passphrase`. */
  const openWithPassphrase = (envelope: string, keyring: string, passphrase: string) =>
    mamlkit(dir, ['open', envelope, '-k', keyring, '-o', '-'], undefined, { MAMLKIT_PASSPHRASE: passphrase });
  const files = ['layer-1-aes-siv.key', 'layer-2-aes-siv.key', 'layer-3-aes-siv.key', 'layer-4-aes-siv.key'];

  it('custody: keygen --layers 4 --split DIR writes one 0600 file per layer and never replaces one', () => {
    const run = mamlkit(dir, ['keygen', '--layers', '4', '--split', 'keys']);
    expect(run.status).toBe(0);
    expect(listing(join(dir, 'keys'))).toEqual(files);
    for (const name of files) {
      const path = join(dir, 'keys', name);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readFileSync(path, 'utf8').match(/^mamlkit-key-1:/gm)).toHaveLength(1);
    }
    const again = mamlkit(dir, ['keygen', '--layers', '4', '--split', 'keys']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('ERR_EXISTS');
    expect(mamlkit(dir, ['keygen', '--layers', '4', '--split', 'keys', '--force']).status).toBe(2);
  });

  it('custody: open assembles the --keyring files in order; a missing or misordered layer opens nothing', () => {
    const all = files.map((name) => readFileSync(join(dir, 'keys', name), 'utf8')).join('');
    writeFileSync(join(dir, 'all.keyring'), all);
    expect(mamlkit(dir, ['seal', 'plain.txt', '--keyring', 'all.keyring']).status).toBe(0);
    const keyrings = files.flatMap((name) => ['--keyring', join('keys', name)]);
    const opened = mamlkit(dir, ['open', 'plain.txt.mkenv', ...keyrings, '--out', 'opened.txt']);
    expect(opened.status).toBe(0);
    expect(readFileSync(join(dir, 'opened.txt'), 'utf8')).toBe('pay 10 EUR to bob\n');
    const missing = mamlkit(dir, ['open', 'plain.txt.mkenv', ...keyrings.slice(0, 6), '--out', '-']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('ERR_ENVELOPE_NO_MATCHING_STANZA');
    const swapped = [...keyrings.slice(2, 4), ...keyrings.slice(0, 2), ...keyrings.slice(4)];
    expect(mamlkit(dir, ['open', 'plain.txt.mkenv', ...swapped, '--out', '-']).stderr).toContain(
      'ERR_ENVELOPE_NO_MATCHING_STANZA',
    );
    const twice = mamlkit(dir, [
      'open',
      'plain.txt.mkenv',
      ...keyrings.slice(0, 2),
      ...keyrings.slice(0, 2),
      '--out',
      '-',
    ]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain('hold the same key');
  });

  it('custody: a passphrase layer reads --passphrase-file or MAMLKIT_PASSPHRASE, never --passphrase', () => {
    const made = mamlkit(dir, ['keygen', '--kinds', 'aes-siv,passphrase', '--out', 'pp.keyring']);
    expect(made.status).toBe(0);
    expect(readFileSync(join(dir, 'pp.keyring'), 'utf8')).toContain(
      'mamlkit-key-1:passphrase:ask:0000000000000000:',
    );
    const refused = mamlkit(dir, ['seal', 'plain.txt', '--keyring', 'pp.keyring', '--passphrase', 'x']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('never given on the command line');
    const none = mamlkit(
      dir,
      ['seal', 'plain.txt', '--keyring', 'pp.keyring', '--out', 'pp.mkenv'],
      undefined,
      {
        MAMLKIT_PASSPHRASE: '',
      },
    );
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--passphrase-file');
    const sealed = mamlkit(dir, [
      'seal',
      'plain.txt',
      '-k',
      'pp.keyring',
      '--passphrase-file',
      'pass.txt',
      '-o',
      'pp.mkenv',
    ]);
    expect(sealed.status).toBe(0);
    expect(openWithPassphrase('pp.mkenv', 'pp.keyring', PASSPHRASE).stdout).toBe('pay 10 EUR to bob\n');
    const wrong = openWithPassphrase('pp.mkenv', 'pp.keyring', 'wrong');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('ERR_ENVELOPE_AUTH');
  }, 180_000);

  it('custody: keygen --protect writes a protected key file that the commands open with the passphrase', () => {
    const made = mamlkit(dir, [
      'keygen',
      '--layers',
      '2',
      '--protect',
      '--passphrase-file',
      'pass.txt',
      '-o',
      'p.keyring',
    ]);
    expect(made.status).toBe(0);
    const text = readFileSync(join(dir, 'p.keyring'), 'utf8');
    expect(text).toMatch(/^-----BEGIN MAMLKIT ENVELOPE-----\n/);
    expect(text).not.toContain('mamlkit-key-1');
    expect(statSync(join(dir, 'p.keyring')).mode & 0o777).toBe(0o600);
    const env = { MAMLKIT_PASSPHRASE: PASSPHRASE };
    expect(
      mamlkit(dir, ['seal', 'plain.txt', '-k', 'p.keyring', '-o', 'p.mkenv'], undefined, env).status,
    ).toBe(0);
    expect(openWithPassphrase('p.mkenv', 'p.keyring', PASSPHRASE).stdout).toBe('pay 10 EUR to bob\n');
    const wrong = openWithPassphrase('p.mkenv', 'p.keyring', 'nope');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('ERR_ENVELOPE_AUTH: --keyring p.keyring');
  }, 180_000);
});
