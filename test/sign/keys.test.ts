import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  algorithmInfo,
  computeKeyId,
  exportSigningJwk,
  generateSigningKeyPair,
  importSigningPublicJwk,
  importSigningSecretJwk,
  keyRotationStatus,
  SignError,
  SIGNING_ALGORITHMS,
} from '../../src/sign/index.js';
import { fixedKeyPair } from './fixtures.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof SignError) return error.code;
    throw error;
  }
  throw new Error('expected a SignError');
}

describe('generateSigningKeyPair', () => {
  it('defaults to ML-DSA-87 with a creation time and a thumbprint key id', () => {
    const { publicKey, secretKey } = generateSigningKeyPair({
      created: new Date('2026-03-04T05:06:07.890Z'),
    });
    expect(publicKey.algorithm).toBe('ML-DSA-87');
    expect(publicKey.created).toBe('2026-03-04T05:06:07Z');
    expect(publicKey.publicKey).toHaveLength(2592);
    expect(secretKey.seed).toHaveLength(32);
    expect(secretKey.keyId).toBe(publicKey.keyId);
    expect(publicKey).not.toHaveProperty('seed');
  });

  it.each(SIGNING_ALGORITHMS)(
    'derives %s keys of the FIPS 204 sizes from a seed, reproducibly',
    (algorithm) => {
      const a = fixedKeyPair(algorithm, 7);
      const b = fixedKeyPair(algorithm, 7);
      const info = algorithmInfo(algorithm);
      expect(a.publicKey.publicKey).toHaveLength(info.publicKeyBytes);
      expect(a.secretKey.secretKey).toHaveLength(info.secretKeyBytes);
      expect(b.publicKey.keyId).toBe(a.publicKey.keyId);
      expect(fixedKeyPair(algorithm, 8).publicKey.keyId).not.toBe(a.publicKey.keyId);
    },
  );

  it('computes the key id as the RFC 7638 thumbprint of {alg, kty, pub}', () => {
    const { publicKey } = fixedKeyPair('ML-DSA-44', 1);
    const pub = Buffer.from(publicKey.publicKey).toString('base64url');
    const json = `{"alg":"ML-DSA-44","kty":"AKP","pub":"${pub}"}`;
    const expected = createHash('sha256').update(json).digest('base64url');
    expect(publicKey.keyId).toBe(expected);
    expect(computeKeyId('ML-DSA-44', publicKey.publicKey)).toBe(expected);
  });

  it('rejects bad algorithms, seeds and dates with typed errors', () => {
    expect(codeOf(() => generateSigningKeyPair({ algorithm: 'Dilithium5' as never }))).toBe(
      'ERR_SIGN_ALGORITHM',
    );
    expect(codeOf(() => generateSigningKeyPair({ seed: new Uint8Array(31) }))).toBe('ERR_SIGN_KEY_INVALID');
    expect(codeOf(() => generateSigningKeyPair({ created: new Date('nope') }))).toBe('ERR_INVALID_ARGUMENT');
  });
});

describe('AKP JWK', () => {
  const { publicKey, secretKey } = fixedKeyPair('ML-DSA-65', 3);

  it('exports public members only unless asked, and round-trips both forms', () => {
    const pub = exportSigningJwk(secretKey);
    expect(Object.keys(pub).sort()).toEqual(['alg', 'created', 'kid', 'kty', 'pub']);
    expect(pub).toMatchObject({ kty: 'AKP', alg: 'ML-DSA-65', kid: publicKey.keyId });
    expect(importSigningPublicJwk(JSON.stringify(pub))).toEqual(publicKey);
    const priv = exportSigningJwk(secretKey, { includePrivate: true });
    expect(Buffer.from(priv.priv ?? '', 'base64url')).toHaveLength(32);
    expect(importSigningSecretJwk(priv)).toEqual(secretKey);
    expect(importSigningPublicJwk(priv)).toEqual(publicKey);
  });

  it('refuses to export a private part from a public key', () => {
    expect(codeOf(() => exportSigningJwk(publicKey, { includePrivate: true }))).toBe('ERR_SIGN_KEY_INVALID');
  });

  it('rejects an alg that does not match the key size', () => {
    const jwk = { ...exportSigningJwk(publicKey), alg: 'ML-DSA-87', kid: undefined };
    expect(codeOf(() => importSigningPublicJwk(jwk))).toBe('ERR_SIGN_KEY_INVALID');
    const small = exportSigningJwk(fixedKeyPair('ML-DSA-44', 3).publicKey);
    expect(codeOf(() => importSigningPublicJwk({ ...small, alg: 'ML-DSA-65', kid: undefined }))).toBe(
      'ERR_SIGN_KEY_INVALID',
    );
  });

  it('rejects unknown algorithms, other key types, bad base64url, bad kid and bad created', () => {
    const jwk = exportSigningJwk(publicKey);
    expect(codeOf(() => importSigningPublicJwk({ ...jwk, alg: 'ML-DSA-1024' }))).toBe('ERR_SIGN_ALGORITHM');
    expect(codeOf(() => importSigningPublicJwk({ ...jwk, kty: 'OKP' }))).toBe('ERR_SIGN_KEY_INVALID');
    expect(codeOf(() => importSigningPublicJwk({ ...jwk, pub: jwk.pub.slice(0, -1) + '+' }))).toBe(
      'ERR_SIGN_BASE64',
    );
    expect(codeOf(() => importSigningPublicJwk({ ...jwk, pub: `${jwk.pub}==` }))).toBe('ERR_SIGN_BASE64');
    expect(codeOf(() => importSigningPublicJwk({ ...jwk, kid: 'someone-else' }))).toBe(
      'ERR_SIGN_KEY_INVALID',
    );
    expect(codeOf(() => importSigningPublicJwk({ ...jwk, created: '2026-01-01' }))).toBe(
      'ERR_SIGN_KEY_INVALID',
    );
    expect(codeOf(() => importSigningPublicJwk('{not json'))).toBe('ERR_SIGN_KEY_INVALID');
    expect(codeOf(() => importSigningPublicJwk(null))).toBe('ERR_SIGN_KEY_INVALID');
    expect(codeOf(() => importSigningPublicJwk([]))).toBe('ERR_SIGN_KEY_INVALID');
  });

  it('rejects a priv seed that does not belong to pub, or is not 32 bytes', () => {
    const mine = exportSigningJwk(secretKey, { includePrivate: true });
    const other = exportSigningJwk(fixedKeyPair('ML-DSA-65', 4).secretKey, { includePrivate: true });
    expect(codeOf(() => importSigningSecretJwk({ ...mine, priv: other.priv }))).toBe('ERR_SIGN_KEY_INVALID');
    expect(codeOf(() => importSigningSecretJwk({ ...mine, priv: 'AAAA' }))).toBe('ERR_SIGN_KEY_INVALID');
    expect(codeOf(() => importSigningSecretJwk(exportSigningJwk(publicKey)))).toBe('ERR_SIGN_KEY_INVALID');
  });

  it('refuses JWK text with a repeated member, at any position: one reader would take one key, another the other', () => {
    const text = JSON.stringify(exportSigningJwk(secretKey, { includePrivate: true }));
    const other = exportSigningJwk(fixedKeyPair('ML-DSA-65', 4).secretKey, { includePrivate: true });
    fc.assert(
      fc.property(
        fc.constantFrom('kty', 'alg', 'pub', 'priv', 'kid', 'created'),
        fc.boolean(),
        (member, first) => {
          const repeated = `"${member}":${JSON.stringify((other as unknown as Record<string, unknown>)[member])}`;
          const spliced = first ? `{${repeated},${text.slice(1)}` : `${text.slice(0, -1)},${repeated}}`;
          expect(codeOf(() => importSigningSecretJwk(spliced))).toBe('ERR_SIGN_KEY_INVALID');
          expect(codeOf(() => importSigningPublicJwk(spliced))).toBe('ERR_SIGN_KEY_INVALID');
        },
      ),
    );
    expect(importSigningSecretJwk(text)).toEqual(secretKey);
  });

  it('imports a JWK without created or kid', () => {
    const { kty, alg, pub } = exportSigningJwk(publicKey);
    const key = importSigningPublicJwk({ kty, alg, pub });
    expect(key.keyId).toBe(publicKey.keyId);
    expect(key).not.toHaveProperty('created');
  });
});

describe('keyRotationStatus', () => {
  const { publicKey } = fixedKeyPair('ML-DSA-44', 5); // created 2026-01-01T00:00:00Z
  const at = (iso: string) => keyRotationStatus(publicKey, { now: new Date(iso) });

  it('is ok, then due 14 days before 90 days, then overdue', () => {
    expect(at('2026-01-01T00:00:00Z')).toBe('ok');
    expect(at('2026-03-17T23:59:59Z')).toBe('ok'); // 75.99 days
    expect(at('2026-03-18T00:00:00Z')).toBe('due'); // 76 days
    expect(at('2026-03-31T23:59:59Z')).toBe('due');
    expect(at('2026-04-01T00:00:00Z')).toBe('overdue'); // 90 days
    expect(at('2025-12-01T00:00:00Z')).toBe('ok');
  });

  it('honours maxAgeDays and dueDays', () => {
    const now = new Date('2026-01-11T00:00:00Z'); // 10 days old
    expect(keyRotationStatus(publicKey, { now, maxAgeDays: 30 })).toBe('ok');
    expect(keyRotationStatus(publicKey, { now, maxAgeDays: 30, dueDays: 25 })).toBe('due');
    expect(keyRotationStatus(publicKey, { now, maxAgeDays: 10 })).toBe('overdue');
  });

  it('rejects bad options and keys without a creation time', () => {
    const now = new Date('2026-01-25T00:00:00Z');
    expect(codeOf(() => keyRotationStatus(publicKey, { now, maxAgeDays: 0 }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => keyRotationStatus(publicKey, { now: new Date(Number.NaN) }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
    const { type, algorithm, keyId } = publicKey;
    const undated = { type, algorithm, keyId, publicKey: publicKey.publicKey };
    expect(codeOf(() => keyRotationStatus(undated, { now }))).toBe('ERR_SIGN_KEY_INVALID');
  });
});
