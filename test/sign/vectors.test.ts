import { createHash } from 'node:crypto';
import { native } from '#native';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTrustStore,
  detachedHasher,
  importSigningPublicJwk,
  importSigningSecretJwk,
  signDetached,
  signMaml,
  verifyDetached,
  verifyMaml,
} from '../../src/sign/index.js';
import vectors from '../vectors/sign/vectors.json' with { type: 'json' };
import { chunkedContent, chunksOf } from '../vectors/sign/chunked.js';

const secretKeys = vectors.keys.map((k) => importSigningSecretJwk(k.secretJwk));
const trust = createTrustStore(vectors.keys.map((k) => importSigningPublicJwk(k.publicJwk)));
const secretOf = (algorithm: string) => {
  const key = secretKeys.find((k) => k.algorithm === algorithm);
  if (key === undefined) throw new Error(`no ${algorithm} key`);
  return key;
};
const at = (iso: string) => new Date(iso);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The to-be-signed bytes of a detached signature, rebuilt from the spec with node:crypto's SHA-512. */
function detachedToBeSigned(
  v: { readonly algorithm: string; readonly created: string; readonly trustedComment: string },
  content: Uint8Array,
): string {
  const kid = Buffer.from(vectors.keys.find((k) => k.algorithm === v.algorithm)?.keyId ?? '', 'ascii');
  const comment = Buffer.from(v.trustedComment, 'utf8');
  const head = Buffer.alloc(14 + 2 + kid.length + 8 + 4);
  head.write('mamlkit-sig-v1', 0, 'ascii');
  head[14] = { 'ML-DSA-44': 1, 'ML-DSA-65': 2, 'ML-DSA-87': 3 }[v.algorithm] ?? 0;
  head[15] = kid.length;
  kid.copy(head, 16);
  head.writeBigUInt64BE(BigInt(Date.parse(v.created) / 1000), 16 + kid.length);
  head.writeUInt32BE(comment.length, 24 + kid.length);
  const length = Buffer.alloc(8);
  length.writeBigUInt64BE(64n);
  return hex(Buffer.concat([head, comment, length, createHash('sha512').update(content).digest()]));
}

/** SHA-512 backends of detached signatures: node:crypto (`#native`) and @noble/hashes. */
const SHA512_BACKENDS = ['native', 'noble'] as const;

function useSha512(backend: (typeof SHA512_BACKENDS)[number]): void {
  const capability = native.sha512;
  if (capability === undefined) throw new Error('#native (node target) has no SHA-512 capability');
  capability.enable(backend === 'native');
  if (backend === 'native' && capability.get() === undefined) throw new Error('node:crypto SHA-512 missing');
}

describe('frozen signature vectors', () => {
  it('derives the same keys and key ids from the seeds', () => {
    for (const k of vectors.keys) {
      const key = importSigningSecretJwk(k.secretJwk);
      expect(Buffer.from(key.seed).toString('hex')).toBe(k.seedHex);
      expect(key.keyId).toBe(k.keyId);
      expect(k.publicJwk.kid).toBe(k.keyId);
    }
  });

  it('encodes the to-be-signed structure exactly as the spec says', () => {
    const t = vectors.toBeSigned;
    const kid = Buffer.from(t.keyId, 'ascii');
    const comment = Buffer.from(t.trustedComment, 'utf8');
    const content = Buffer.from(t.contentUtf8, 'utf8');
    const u64 = (n: number) => {
      const b = Buffer.alloc(8);
      b.writeBigUInt64BE(BigInt(n));
      return b;
    };
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    const expected = Buffer.concat([
      Buffer.from('mamlkit-sig-v1', 'ascii'),
      Buffer.from([1]), // ML-DSA-44
      Buffer.from([kid.length]),
      kid,
      u64(Date.parse(t.created) / 1000),
      u32(comment.length),
      comment,
      u64(content.length),
      content,
    ]);
    expect(t.hex).toBe(expected.toString('hex'));
  });

  it.each(vectors.maml)('verifies and reproduces the $algorithm MAML signature', (v) => {
    expect(verifyMaml(v.signed, trust).valid).toBe(true);
    expect(verifyMaml(v.signed.replaceAll('\n', '\r\n'), trust).valid).toBe(true);
    expect(signMaml(v.source, secretOf(v.algorithm), { created: at(v.created), deterministic: true })).toBe(
      v.signed,
    );
  });

  it('verifies the co-signed document with both signers', () => {
    const result = verifyMaml(vectors.cosigned.signed, trust, { threshold: 2 });
    expect(result.valid).toBe(true);
    expect(result.signatures.map((s) => s.algorithm)).toEqual(vectors.cosigned.algorithms);
  });
});

describe.each(SHA512_BACKENDS)('frozen detached signature vectors, SHA-512 on %s', (backend) => {
  afterEach(() => native.sha512?.enable(true));
  const signOptions = (v: {
    readonly created: string;
    readonly comment: string;
    readonly trustedComment: string;
  }) => ({
    created: at(v.created),
    comment: v.comment,
    trustedComment: v.trustedComment,
    deterministic: true,
  });

  it.each(vectors.detached.map((v) => ({ ...v, size: v.messageUtf8 === '' ? 'empty' : 'short' })))(
    'item 3: verifies and reproduces the $algorithm detached signature of $size content',
    (v) => {
      useSha512(backend);
      const content = new TextEncoder().encode(v.messageUtf8);
      expect(detachedToBeSigned(v, content)).toBe(v.toBeSignedHex);
      expect(hex(detachedHasher().update(content).digest().sha512)).toBe(v.sha512Hex);
      const result = verifyDetached(v.messageUtf8, v.signature, trust, { now: at('2026-03-01T00:00:00Z') });
      expect(result).toMatchObject({ valid: true, algorithm: v.algorithm, trustedComment: v.trustedComment });
      expect(signDetached(content, secretOf(v.algorithm), signOptions(v))).toBe(v.signature);
    },
  );

  it('item 3: the multi-chunk vector has one digest and one signature however its content is split', () => {
    useSha512(backend);
    const v = vectors.detachedChunked;
    const content = chunkedContent(v.length);
    expect(detachedToBeSigned(v, content)).toBe(v.toBeSignedHex);
    for (const size of [content.length, 1024 * 1024, 65_537, 4093]) {
      const hasher = detachedHasher();
      for (const chunk of chunksOf(content, size)) hasher.update(chunk);
      const digest = hasher.digest();
      expect(hex(digest.sha512), `chunks of ${size}`).toBe(v.sha512Hex);
      expect(verifyDetached(digest, v.signature, trust).valid, `chunks of ${size}`).toBe(true);
      expect(signDetached(digest, secretOf(v.algorithm), signOptions(v))).toBe(v.signature);
    }
  });

  it.each(vectors.retiredDetachedV1)(
    'item 3: refuses the retired whole-content $algorithm signature and says so',
    (v) => {
      useSha512(backend);
      const result = verifyDetached(v.messageUtf8, v.signature, trust, { now: at('2026-03-01T00:00:00Z') });
      expect(result.valid).toBe(false);
      expect(result.reason?.code).toBe('MALFORMED');
      expect(result.reason?.error?.code).toBe('ERR_SIGN_FORMAT');
      expect(result.reason?.message).toMatch(
        /detached-signature\/v1 is a retired format .*sign the file again/,
      );
    },
  );
});
