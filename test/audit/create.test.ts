import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS_HASH,
  auditHead,
  auditSubject,
  auditSubjectHasher,
  createAuditEntry,
  MAX_AUDIT_DETAILS_BYTES,
  MAX_AUDIT_TEXT_CHARS,
  verifyAuditLog,
} from '../../src/audit/index.js';
import { createTrustStore } from '../../src/sign/index.js';
import { auditKeyPair, codeOf, inputAt, SUBJECT } from './fixtures.js';

const key = auditKeyPair('ML-DSA-44', 1);

describe('createAuditEntry', () => {
  it('starts a log at seq 0 after the genesis hash and chains the next entry', () => {
    const first = createAuditEntry(null, inputAt(0), key.secretKey);
    expect(first).toMatchObject({
      v: 1,
      seq: 0,
      at: '2026-11-21T10:00:00.000Z',
      actor: 'agent://worker-0',
      action: 'CREATE',
      subject: SUBJECT,
      prev: AUDIT_GENESIS_HASH,
      alg: 'ML-DSA-44',
      kid: key.publicKey.keyId,
    });
    expect(first.hash).toMatch(/^sha256:[\da-f]{64}$/);
    expect(first).not.toHaveProperty('details');
    const second = createAuditEntry(auditHead([first]), inputAt(1, { details: { exit: 0 } }), key.secretKey);
    expect(second).toMatchObject({ seq: 1, prev: first.hash, details: { exit: 0 } });
    expect(verifyAuditLog([first, second], createTrustStore([key.publicKey])).valid).toBe(true);
  });

  it('is deterministic on request; hedged signatures differ but the hash does not', () => {
    const a = createAuditEntry(null, inputAt(0), key.secretKey, { deterministic: true });
    const b = createAuditEntry(null, inputAt(0), key.secretKey, { deterministic: true });
    const c = createAuditEntry(null, inputAt(0), key.secretKey);
    expect(b).toEqual(a);
    expect(c.hash).toBe(a.hash);
    expect(c.sig).not.toBe(a.sig);
  });

  it('refuses bad fields with typed errors', () => {
    const bad = (overrides: object) =>
      codeOf(() => createAuditEntry(null, inputAt(0, overrides), key.secretKey));
    expect(bad({ actor: '' })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ actor: 'a\nb' })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ actor: 'a\u2028b' })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ actor: 'cafe\u0301' })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ actor: 'x'.repeat(MAX_AUDIT_TEXT_CHARS + 1) })).toBe('ERR_LIMIT_EXCEEDED');
    expect(bad({ action: 'execute' })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ action: 'A'.repeat(65) })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ subject: { id: 'x', digest: 'sha256:AB' } })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ subject: { id: 'x', digest: SUBJECT.digest, extra: 1 } })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ at: new Date(Number.NaN) })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ at: new Date('+010000-01-01T00:00:00Z') })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ at: '2026-11-21T10:00:00Z' })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ details: { n: Number.POSITIVE_INFINITY } })).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(bad({ details: 'x'.repeat(MAX_AUDIT_DETAILS_BYTES) })).toBe('ERR_LIMIT_EXCEEDED');
    expect(bad({ details: 'é'.repeat(MAX_AUDIT_DETAILS_BYTES / 2) })).toBe('ERR_LIMIT_EXCEEDED');
    expect(codeOf(() => createAuditEntry(null, null as never, key.secretKey))).toBe('ERR_INVALID_ARGUMENT');
  });

  it('accepts details right at the size limit', () => {
    const details = 'x'.repeat(MAX_AUDIT_DETAILS_BYTES - 2);
    expect(createAuditEntry(null, inputAt(0, { details }), key.secretKey).details).toBe(details);
  });

  it('refuses a bad previous head and a key that cannot sign', () => {
    const entry = (previous: unknown) => () => createAuditEntry(previous as never, inputAt(0), key.secretKey);
    expect(codeOf(entry({ seq: 0 }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(entry({ seq: 1.5, hash: AUDIT_GENESIS_HASH }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(entry({ seq: -1, hash: SUBJECT.digest }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => createAuditEntry(null, inputAt(0), key.publicKey as never))).toBe(
      'ERR_SIGN_KEY_INVALID',
    );
  });
});

describe('auditSubject', () => {
  it('digests the bytes, and a string as its UTF-8', () => {
    const subject = auditSubject('doc-1', 'abc');
    expect(subject).toEqual({
      id: 'doc-1',
      digest: 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
    expect(auditSubject('doc-1', new TextEncoder().encode('abc'))).toEqual(subject);
    expect(codeOf(() => auditSubject('', 'abc'))).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(codeOf(() => auditSubject('doc', 42 as never))).toBe('ERR_INVALID_ARGUMENT');
  });
});

describe('auditSubjectHasher', () => {
  it('item 3: any split of the content gives the subject of the whole content', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 500 }), { maxLength: 8 }), (parts) => {
        const hasher = auditSubjectHasher('scan.tiff');
        for (const part of parts) hasher.update(part);
        const whole = Uint8Array.from(parts.flatMap((part) => [...part]));
        expect(hasher.subject()).toEqual(auditSubject('scan.tiff', whole));
      }),
    );
  });

  it('item 3: checks the id before any byte and refuses misuse with typed errors', () => {
    expect(codeOf(() => auditSubjectHasher('two\nlines'))).toBe('ERR_AUDIT_ENTRY_FORMAT');
    expect(codeOf(() => auditSubjectHasher('doc').update('abc' as never))).toBe('ERR_INVALID_ARGUMENT');
    const used = auditSubjectHasher('doc');
    used.subject();
    expect(codeOf(() => used.update(new Uint8Array(1)))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => used.subject())).toBe('ERR_INVALID_ARGUMENT');
  });
});
