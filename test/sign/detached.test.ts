import fc from 'fast-check';
import { native } from '#native';
import { describe, expect, it } from 'vitest';
import {
  createTrustStore,
  detachedHasher,
  lookupTrustedKey,
  parseDetachedSignature,
  SignError,
  signDetached,
  verifyDetached,
} from '../../src/sign/index.js';
import { verifyMessage } from '../../src/sign/primitives.js';
import { fixedKeyPair, SIGNED_AT } from './fixtures.js';

const alice = fixedKeyPair('ML-DSA-87', 1);
const bob = fixedKeyPair('ML-DSA-44', 2);
const trust = createTrustStore([alice.publicKey, bob.publicKey]);
const data = new TextEncoder().encode('release 1.2.0 tarball bytes');
const sig = signDetached(data, alice.secretKey, {
  created: SIGNED_AT,
  trustedComment: 'mamlkit 1.2.0',
  comment: 'signed by CI',
});

/** Replaces one `name: value` line of a signature text. */
function withField(text: string, name: string, value: string): string {
  return text.replace(new RegExp(`^${name}:.*$`, 'm'), `${name}: ${value}`);
}

describe('signDetached / verifyDetached', () => {
  it('writes the documented fields in order and verifies', () => {
    const lines = sig.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'format: mamlkit/detached-signature/v2',
      'comment: signed by CI',
      'algorithm: ML-DSA-87',
      `key-id: ${alice.publicKey.keyId}`,
      'created: 2026-02-01T12:00:00Z',
      'trusted-comment: mamlkit 1.2.0',
      'signature:',
    ]);
    expect(lines.slice(7, -2).every((line) => line.length === 76)).toBe(true);
    expect(verifyDetached(data, sig, trust)).toEqual({
      valid: true,
      keyId: alice.publicKey.keyId,
      algorithm: 'ML-DSA-87',
      created: '2026-02-01T12:00:00Z',
      trustedComment: 'mamlkit 1.2.0',
    });
  });

  it('signs strings as UTF-8 and accepts CRLF signature text', () => {
    const text = signDetached('héllo', bob.secretKey);
    expect(
      verifyDetached(new TextEncoder().encode('héllo'), text.replaceAll('\n', '\r\n'), trust).valid,
    ).toBe(true);
  });

  it('is hedged by default and deterministic on request', () => {
    const options = { created: SIGNED_AT };
    expect(signDetached(data, bob.secretKey, options)).not.toBe(signDetached(data, bob.secretKey, options));
    const det = { ...options, deterministic: true };
    expect(signDetached(data, bob.secretKey, det)).toBe(signDetached(data, bob.secretKey, det));
  });

  it('fails for changed data, a changed trusted comment or a changed time, not for the unsigned comment', () => {
    const changed = data.slice();
    changed[0] = (changed[0] ?? 0) ^ 1;
    expect(verifyDetached(changed, sig, trust).reason?.code).toBe('BAD_SIGNATURE');
    expect(verifyDetached(data, withField(sig, 'trusted-comment', 'mamlkit 9.9.9'), trust).reason?.code).toBe(
      'BAD_SIGNATURE',
    );
    expect(verifyDetached(data, withField(sig, 'created', '2026-02-01T12:00:01Z'), trust).reason?.code).toBe(
      'BAD_SIGNATURE',
    );
    expect(verifyDetached(data, withField(sig, 'comment', 'anything at all'), trust).valid).toBe(true);
  });

  it('reports untrusted, revoked, disallowed and expired keys', () => {
    const carol = fixedKeyPair('ML-DSA-87', 3);
    const byCarol = signDetached(data, carol.secretKey);
    expect(verifyDetached(data, byCarol, trust).reason?.code).toBe('UNKNOWN_KEY');
    const revoked = createTrustStore([alice.publicKey], { revoked: [alice.publicKey.keyId] });
    expect(verifyDetached(data, sig, revoked).reason?.code).toBe('REVOKED_KEY');
    const only87 = createTrustStore([bob.publicKey], { algorithms: ['ML-DSA-87'] });
    expect(verifyDetached(data, signDetached(data, bob.secretKey), only87).reason?.code).toBe(
      'ALGORITHM_NOT_ALLOWED',
    );
    const limited = createTrustStore([{ key: alice.publicKey, notAfter: new Date('2026-06-01T00:00:00Z') }]);
    expect(verifyDetached(data, sig, limited, { now: new Date('2026-05-01T00:00:00Z') }).valid).toBe(true);
    expect(verifyDetached(data, sig, limited, { now: new Date('2026-07-01T00:00:00Z') }).reason?.code).toBe(
      'KEY_EXPIRED',
    );
  });

  it('rejects a signature whose claimed algorithm does not match the trusted key', () => {
    const claimed44 = withField(sig, 'key-id', bob.publicKey.keyId);
    expect(verifyDetached(data, claimed44, trust).reason?.code).toBe('BAD_SIGNATURE');
  });

  it('turns malformed and truncated signatures into MALFORMED with a typed error', () => {
    const cases: [string, string][] = [
      [sig.replace(/^signature:\n./m, 'signature:\n!'), 'ERR_SIGN_BASE64'],
      [sig.split('\n').slice(0, 20).join('\n'), 'ERR_SIGN_SIGNATURE_LENGTH'],
      [withField(sig, 'algorithm', 'Dilithium5'), 'ERR_SIGN_ALGORITHM'],
      [withField(sig, 'created', 'yesterday'), 'ERR_SIGN_FORMAT'],
      [withField(sig, 'key-id', 'short'), 'ERR_SIGN_FORMAT'],
      [sig.replace('comment: signed by CI\n', ''), 'ERR_SIGN_FORMAT'],
      [sig.replace('trusted-comment: mamlkit', 'trusted-comment:  mamlkit'), 'BAD'],
      ['', 'ERR_SIGN_FORMAT'],
      ['x'.repeat(20_000), 'ERR_LIMIT_EXCEEDED'],
    ];
    for (const [text, code] of cases) {
      const result = verifyDetached(data, text, trust);
      expect(result.valid).toBe(false);
      if (code === 'BAD') expect(result.reason?.code).toBe('BAD_SIGNATURE');
      else {
        expect(result.reason?.code).toBe('MALFORMED');
        expect(result.reason?.error).toBeInstanceOf(SignError);
        expect(result.reason?.error?.code).toBe(code);
      }
    }
  });

  it('reports a missing signature body as a format error', () => {
    const headOnly = sig.split('\n').slice(0, 7).join('\n') + '\n';
    expect(headOnly.endsWith('signature:\n')).toBe(true);
    expect(() => parseDetachedSignature(headOnly)).toThrow(/the signature is missing/);
    expect(verifyDetached(data, headOnly, trust).reason?.error?.code).toBe('ERR_SIGN_FORMAT');
  });

  it('rejects re-wrapped base64 as non-canonical', () => {
    const lines = sig.trimEnd().split('\n');
    const head = lines.slice(0, 7);
    const body = lines.slice(7).join('');
    const rewrapped = [...head, ...(body.match(/.{1,64}/g) ?? [])].join('\n');
    expect(verifyDetached(data, rewrapped, trust).reason?.error?.code).toBe('ERR_SIGN_FORMAT');
  });

  it('parses without verifying', () => {
    const parsed = parseDetachedSignature(sig);
    expect(parsed).toMatchObject({
      keyId: alice.publicKey.keyId,
      comment: 'signed by CI',
      created: '2026-02-01T12:00:00Z',
    });
    expect(parsed.signature).toHaveLength(4627);
  });

  it('rejects bad arguments with typed errors', () => {
    expect(() => signDetached(data, alice.publicKey as never)).toThrow(SignError);
    expect(() => signDetached(data, alice.secretKey, { comment: 'two\nlines' })).toThrow(/one line/);
    expect(() => signDetached(data, alice.secretKey, { trustedComment: 'x'.repeat(1025) })).toThrow(
      SignError,
    );
    expect(() => verifyDetached(data, sig, {} as never)).toThrow(SignError);
  });
});

describe('createTrustStore', () => {
  it('keeps only public parts and finds keys by id', () => {
    const store = createTrustStore([{ key: alice.secretKey, label: 'release' }]);
    const entry = lookupTrustedKey(store, alice.publicKey.keyId);
    expect(entry?.label).toBe('release');
    expect(entry?.key).toEqual(alice.publicKey);
    expect(entry?.key).not.toHaveProperty('seed');
    expect(lookupTrustedKey(store, bob.publicKey.keyId)).toBeUndefined();
  });

  it('rejects duplicates, non-keys and unknown algorithms', () => {
    expect(() => createTrustStore([alice.publicKey, alice.publicKey])).toThrow(/twice/);
    expect(() => createTrustStore([{} as never])).toThrow(SignError);
    expect(() => createTrustStore([], { algorithms: ['RSA' as never] })).toThrow(SignError);
    expect(() => createTrustStore([], { revoked: 'abc' as never })).toThrow(SignError);
  });
});

describe('item 3: detached signatures of content read in chunks', () => {
  const chunked = (parts: readonly Uint8Array[]) => {
    const hasher = detachedHasher();
    for (const part of parts) hasher.update(part);
    return hasher.digest();
  };
  const options = { created: SIGNED_AT, trustedComment: 'tc', deterministic: true };

  it('item 3: any split of the content signs and verifies as the whole content', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (parts) => {
        const whole = Uint8Array.from(parts.flatMap((part) => [...part]));
        const digest = chunked(parts);
        expect(signDetached(digest, bob.secretKey, options)).toBe(
          signDetached(whole, bob.secretKey, options),
        );
        expect(verifyDetached(digest, signDetached(whole, bob.secretKey), trust).valid).toBe(true);
        expect(verifyDetached(whole, signDetached(digest, bob.secretKey), trust).valid).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('item 3: node:crypto and @noble/hashes give the same digest for any chunks', () => {
    const capability = native.sha512;
    if (capability === undefined) throw new Error('#native (node target) has no SHA-512 capability');
    try {
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 2000 }), { maxLength: 6 }), (parts) => {
          capability.enable(true);
          const nativeDigest = chunked(parts).sha512;
          capability.enable(false);
          expect(chunked(parts).sha512).toEqual(nativeDigest);
        }),
      );
    } finally {
      capability.enable(true);
    }
  });

  it('item 3: content that equals a digest is content, never taken for the digest', () => {
    const digest = detachedHasher().update(data).digest();
    expect(verifyDetached(digest, sig, trust).valid).toBe(true);
    expect(verifyDetached(digest.sha512, sig, trust).reason?.code).toBe('BAD_SIGNATURE');
  });

  it('item 3: a detached signature is not an envelope signature of the same digest', () => {
    const record = parseDetachedSignature(sig);
    const { sha512 } = detachedHasher().update(data).digest();
    expect(verifyMessage('envelope', record.signature, sha512, alice.publicKey)).toBe(false);
    expect(verifyMessage('detached', record.signature, sha512, alice.publicKey)).toBe(false);
  });

  it('item 3: refuses a digest of the wrong shape and a hasher used after its digest', () => {
    const code = (run: () => unknown) => {
      try {
        run();
        return 'no error';
      } catch (error) {
        return error instanceof SignError ? error.code : String(error);
      }
    };
    for (const bad of [{ sha512: new Uint8Array(32) }, { sha512: 'x'.repeat(64) }, {}, null, 42]) {
      expect(code(() => signDetached(bad as never, alice.secretKey))).toBe('ERR_INVALID_ARGUMENT');
      expect(code(() => verifyDetached(bad as never, sig, trust))).toBe('ERR_INVALID_ARGUMENT');
    }
    expect(code(() => detachedHasher().update('text' as never))).toBe('ERR_INVALID_ARGUMENT');
    const used = detachedHasher();
    used.digest();
    expect(code(() => used.update(data))).toBe('ERR_INVALID_ARGUMENT');
    expect(code(() => used.digest())).toBe('ERR_INVALID_ARGUMENT');
  });
});
