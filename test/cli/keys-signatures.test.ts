import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, keygen, mamlkit, tempDir, VALID_MAML } from './helpers.js';

beforeAll(ensureBuilt, 300_000);

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('mamlkit keygen', () => {
  const dir = tempDir();
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes an ML-DSA secret JWK with mode 0600 and its public JWK beside it', () => {
    const run = mamlkit(dir, ['keygen', '--alg', 'ML-DSA-65', '--out', 'signer.jwk', '--json']);
    expect(run.status).toBe(0);
    const made = JSON.parse(run.stdout) as { kind: string; algorithm: string; keyId: string; files: object };
    expect(made).toMatchObject({ kind: 'signing', algorithm: 'ML-DSA-65' });
    expect(made.files).toEqual({ secret: 'signer.jwk', public: 'signer.jwk.pub' });
    const secret = JSON.parse(readFileSync(join(dir, 'signer.jwk'), 'utf8')) as Record<string, unknown>;
    const pub = JSON.parse(readFileSync(join(dir, 'signer.jwk.pub'), 'utf8')) as Record<string, unknown>;
    expect(secret).toMatchObject({ kty: 'AKP', alg: 'ML-DSA-65', kid: made.keyId });
    expect(secret['priv']).toMatch(/^[\w-]{43}$/);
    expect(pub).toMatchObject({ kty: 'AKP', alg: 'ML-DSA-65', kid: made.keyId, pub: secret['pub'] });
    expect(pub).not.toHaveProperty('priv');
    expect(mode(join(dir, 'signer.jwk'))).toBe(0o600);
  });

  it('refuses to overwrite without --force, and replaces with it', () => {
    const before = readFileSync(join(dir, 'signer.jwk'), 'utf8');
    const refused = mamlkit(dir, ['keygen', '--out', 'signer.jwk']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'mamlkit: ERR_EXISTS: --out signer.jwk already exists; pass --force to replace it\n',
    );
    expect(readFileSync(join(dir, 'signer.jwk'), 'utf8')).toBe(before);
    expect(mamlkit(dir, ['keygen', '--out', 'signer.jwk', '--force']).status).toBe(0);
    expect(readFileSync(join(dir, 'signer.jwk'), 'utf8')).not.toBe(before);
  });

  it('writes a symmetric keyring of N layers (secret only) and a KEM keyring with its public part', () => {
    expect(mamlkit(dir, ['keygen', '--layers', '3', '--out', 'sym.keyring']).status).toBe(0);
    const lines = readFileSync(join(dir, 'sym.keyring'), 'utf8').split('\n');
    expect(lines.filter((line) => line.startsWith('mamlkit-key-1:aes-siv:secret:'))).toHaveLength(3);
    expect(mode(join(dir, 'sym.keyring'))).toBe(0o600);
    expect(
      mamlkit(dir, ['keygen', '--layers', '2', '--kem', 'ml-kem-1024', '--out', 'kem.keyring']).status,
    ).toBe(0);
    const pub = readFileSync(join(dir, 'kem.keyring.pub'), 'utf8');
    expect(pub.match(/^mamlkit-key-1:ml-kem-1024:public:/gm)).toHaveLength(2);
    expect(pub).not.toContain(':secret:');
  });

  it('rejects bad values with exit status 2', () => {
    expect(mamlkit(dir, ['keygen', '--alg', 'RSA', '--out', 'x']).status).toBe(2);
    expect(mamlkit(dir, ['keygen', '--layers', '9', '--out', 'x']).status).toBe(2);
    expect(mamlkit(dir, ['keygen', '--kem', 'rsa', '--out', 'x']).status).toBe(2);
    expect(mamlkit(dir, ['keygen', '--alg', 'ML-DSA-87', '--layers', '2', '--out', 'x']).status).toBe(2);
  });
});

describe('mamlkit sign and verify', () => {
  const dir = tempDir();
  let aliceId = '';
  beforeAll(() => {
    writeFileSync(join(dir, 'doc.maml.md'), VALID_MAML);
    keygen(dir, ['--out', 'alice.jwk'], ['--out', 'mallory.jwk']);
    aliceId = (JSON.parse(readFileSync(join(dir, 'alice.jwk.pub'), 'utf8')) as { kid: string }).kid;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('embeds a signature that verifies, printing signer, algorithm, created and rotation status', () => {
    expect(mamlkit(dir, ['sign', 'doc.maml.md', '--key', 'alice.jwk']).status).toBe(0);
    expect(readFileSync(join(dir, 'doc.maml.md'), 'utf8')).toContain('## Signatures');
    const run = mamlkit(dir, ['verify', 'doc.maml.md', '--trust', 'alice.jwk.pub']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^doc\.maml\.md: valid$/m);
    expect(run.stdout).toContain(`signer:       ${aliceId}`);
    expect(run.stdout).toMatch(/algorithm: +ML-DSA-87/);
    expect(run.stdout).toMatch(/created: +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    expect(run.stdout).toMatch(/key rotation: +ok \(key made /);
  });

  it('prints the verification as JSON', () => {
    const run = mamlkit(dir, ['verify', 'doc.maml.md', '--trust', 'alice.jwk.pub', '--json']);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      file: 'doc.maml.md',
      valid: true,
      signatures: [{ valid: true, keyId: aliceId, algorithm: 'ML-DSA-87', rotation: 'ok' }],
    });
  });

  it('exits 1 for a tampered document and for an untrusted signer', () => {
    const signed = readFileSync(join(dir, 'doc.maml.md'), 'utf8');
    writeFileSync(join(dir, 'tampered.maml.md'), signed.replace('Say hello.', 'Say goodbye.'));
    const tampered = mamlkit(dir, ['verify', 'tampered.maml.md', '--trust', 'alice.jwk.pub']);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toContain('NOT VALID: BAD_SIGNATURE');
    const untrusted = mamlkit(dir, ['verify', 'doc.maml.md', '--trust', 'mallory.jwk.pub', '--json']);
    expect(untrusted.status).toBe(1);
    expect(JSON.parse(untrusted.stdout)).toMatchObject({ valid: false, reason: { code: 'UNKNOWN_KEY' } });
    const unsigned = mamlkit(dir, ['verify', '-', '--trust', 'alice.jwk.pub'], VALID_MAML);
    expect(unsigned.status).toBe(1);
    expect(unsigned.stdout).toContain('UNSIGNED');
  });

  it('writes and verifies detached signatures, refusing to overwrite one', () => {
    writeFileSync(
      join(dir, 'data.bin'),
      Uint8Array.from({ length: 5000 }, (_, i) => i % 251),
    );
    const signed = mamlkit(dir, [
      'sign',
      'data.bin',
      '--key',
      'alice.jwk',
      '--detached',
      '--trusted-comment',
      'v1',
    ]);
    expect(signed.status).toBe(0);
    const ok = mamlkit(dir, ['verify', 'data.bin', '--detached', '--trust', 'alice.jwk.pub', '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, trustedComment: 'v1' });
    expect(mamlkit(dir, ['sign', 'data.bin', '--key', 'alice.jwk', '--detached']).status).toBe(2);
    writeFileSync(join(dir, 'data.bin'), 'changed');
    const bad = mamlkit(dir, [
      'verify',
      'data.bin',
      '--signature',
      'data.bin.sig',
      '--trust',
      'alice.jwk.pub',
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('BAD_SIGNATURE');
  });

  it('exits 2 without --trust or with a key file that is not a key', () => {
    expect(mamlkit(dir, ['verify', 'doc.maml.md']).status).toBe(2);
    const run = mamlkit(dir, ['verify', 'doc.maml.md', '--trust', 'doc.maml.md']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^mamlkit: ERR_FILE_KIND: --trust doc\.maml\.md is a MAML document, not a public signing key /,
    );
  });
});
