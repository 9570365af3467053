import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { singleUseHash } from '../../src/encoding/single-use-hash.js';
import { auditSubjectHasher } from '../../src/audit/index.js';
import { detachedHasher } from '../../src/sign/index.js';

const fail = (message: string): Error => new Error(message);

describe('singleUseHash', () => {
  it('hashes what it was given, in pieces, and refuses anything after its result or any non-bytes', () => {
    const hash = singleUseHash(sha256.create(), 'test hasher', 'its digest', fail);
    hash.update(new Uint8Array([1, 2]));
    hash.update(new Uint8Array([3]));
    expect(hash.finish()).toEqual(sha256(new Uint8Array([1, 2, 3])));
    expect(() => hash.finish()).toThrow('this test hasher already gave its digest');
    expect(() => {
      hash.update(new Uint8Array(1));
    }).toThrow('this test hasher already gave its digest');
    const fresh = singleUseHash(sha256.create(), 'test hasher', 'its digest', fail);
    expect(() => {
      fresh.update('text');
    }).toThrow('a test hasher takes bytes (Uint8Array)');
  });

  it('the audit subject and detached hashers refuse reuse and non-bytes with their own codes', () => {
    const subject = auditSubjectHasher('model.bin');
    subject.subject();
    expect(() => subject.update(new Uint8Array(1))).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARGUMENT',
        message: 'this subject hasher already gave its subject',
      }),
    );
    const detached = detachedHasher();
    expect(() => detached.update('x' as unknown as Uint8Array)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARGUMENT',
        message: 'a detached hasher takes bytes (Uint8Array)',
      }),
    );
  });
});
