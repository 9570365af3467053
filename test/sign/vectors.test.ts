import { describe, expect, it } from 'vitest';
import {
  createTrustStore,
  importSigningPublicJwk,
  importSigningSecretJwk,
  signDetached,
  signMaml,
  verifyDetached,
  verifyMaml,
} from '../../src/sign/index.js';
import vectors from '../vectors/sign/vectors.json' with { type: 'json' };

const secretKeys = vectors.keys.map((k) => importSigningSecretJwk(k.secretJwk));
const trust = createTrustStore(vectors.keys.map((k) => importSigningPublicJwk(k.publicJwk)));
const secretOf = (algorithm: string) => {
  const key = secretKeys.find((k) => k.algorithm === algorithm);
  if (key === undefined) throw new Error(`no ${algorithm} key`);
  return key;
};
const at = (iso: string) => new Date(iso);

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

  it.each(vectors.detached)('verifies and reproduces the $algorithm detached signature', (v) => {
    const result = verifyDetached(v.messageUtf8, v.signature, trust, { now: at('2026-03-01T00:00:00Z') });
    expect(result).toMatchObject({ valid: true, algorithm: v.algorithm, trustedComment: v.trustedComment });
    const again = signDetached(v.messageUtf8, secretOf(v.algorithm), {
      created: at(v.created),
      comment: v.comment,
      trustedComment: v.trustedComment,
      deterministic: true,
    });
    expect(again).toBe(v.signature);
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
