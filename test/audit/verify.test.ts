import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS_HEAD,
  auditHead,
  createAuditEntry,
  MAX_AUDIT_ENTRIES,
  verifyAuditLog,
  type AuditEntry,
  type VerifyAuditLogOptions,
} from '../../src/audit/index.js';
import { createTrustStore, type TrustStore } from '../../src/sign/index.js';
import { auditKeyPair, buildLog, codeOf, inputAt, START } from './fixtures.js';

const key = auditKeyPair('ML-DSA-44', 1);
const other = auditKeyPair('ML-DSA-44', 2);
const trust = createTrustStore([key.publicKey, other.publicKey]);
const log = buildLog(6, [key]);
/** Just after the last entry any test here writes. */
const NOW = new Date(START + 10 * 60_000);

function firstBad(
  entries: readonly unknown[],
  store: TrustStore = trust,
  options: VerifyAuditLogOptions = {},
) {
  return verifyAuditLog(entries as AuditEntry[], store, { now: NOW, ...options }).firstBad;
}
const at = (i: number): AuditEntry => log[i] as AuditEntry;
const replace = (i: number, entry: unknown): unknown[] => log.map((e, j) => (j === i ? entry : e));

describe('verifyAuditLog', () => {
  it('accepts a valid log and returns its length and head', () => {
    expect(verifyAuditLog(log, trust, { now: NOW })).toEqual({
      valid: true,
      length: 6,
      head: auditHead(log),
    });
    expect(verifyAuditLog([], trust)).toEqual({ valid: true, length: 0, head: AUDIT_GENESIS_HEAD });
  });

  it('reports a malformed entry with the reason and keeps the good prefix as head', () => {
    const result = verifyAuditLog(replace(3, { ...at(3), extra: 1 }) as AuditEntry[], trust, { now: NOW });
    expect(result.firstBad).toMatchObject({ index: 3, reason: 'AUDIT_MALFORMED' });
    expect(result.firstBad?.message).toContain('unknown member "extra"');
    expect(result).toMatchObject({ valid: false, length: 3, head: auditHead(log.slice(0, 3)) });
    expect(firstBad(replace(1, null))).toMatchObject({ index: 1, reason: 'AUDIT_MALFORMED' });
    expect(firstBad(replace(1, { ...at(1), actor: 'cafe\u0301' }))).toMatchObject({
      reason: 'AUDIT_MALFORMED',
    });
    expect(firstBad(replace(1, { ...at(1), sig: `${at(1).sig} ` }))).toMatchObject({
      reason: 'AUDIT_MALFORMED',
    });
  });

  it('tells a tampered entry from a bad signature', () => {
    expect(firstBad(replace(2, { ...at(2), actor: 'agent://mallory' }))).toMatchObject({
      index: 2,
      reason: 'AUDIT_TAMPERED',
    });
    expect(firstBad(replace(2, { ...at(2), sig: at(3).sig }))).toMatchObject({
      index: 2,
      reason: 'AUDIT_BAD_SIGNATURE',
    });
  });

  it('reports an entry re-signed by an unknown, revoked, expired or disallowed key', () => {
    const stranger = auditKeyPair('ML-DSA-44', 9);
    const tail = createAuditEntry(at(5), inputAt(6), stranger.secretKey);
    expect(firstBad([...log, tail])).toMatchObject({ index: 6, reason: 'AUDIT_UNKNOWN_SIGNER' });
    const revoked = createTrustStore([key.publicKey], { revoked: [key.publicKey.keyId] });
    expect(firstBad(log, revoked)).toMatchObject({ index: 0, reason: 'AUDIT_REVOKED_SIGNER' });
    const expired = createTrustStore([{ key: key.publicKey, notAfter: new Date(START + 2.5 * 60_000) }]);
    expect(firstBad(log, expired, { now: new Date(START) })).toMatchObject({
      index: 3,
      reason: 'AUDIT_SIGNER_EXPIRED',
    });
    const only87 = createTrustStore([key.publicKey], { algorithms: ['ML-DSA-87'] });
    expect(firstBad(log, only87)).toMatchObject({ index: 0, reason: 'AUDIT_ALGORITHM_NOT_ALLOWED' });
  });

  it('reports deleted, inserted and reordered entries as a person would', () => {
    expect(firstBad(log.filter((_, i) => i !== 2))).toMatchObject({ index: 2, reason: 'AUDIT_BROKEN_LINK' });
    expect(firstBad(log.slice(1))).toMatchObject({ index: 0, reason: 'AUDIT_BROKEN_LINK' });
    const foreign = buildLog(3, [other]);
    expect(firstBad([...log.slice(0, 4), foreign[2], ...log.slice(4)])).toMatchObject({
      index: 4,
      reason: 'AUDIT_BROKEN_LINK',
    });
    const swapped = [at(0), at(2), at(1), ...log.slice(3)];
    expect(firstBad(swapped)).toMatchObject({ index: 1, reason: 'AUDIT_REORDERED' });
    const moved = [at(0), at(5), ...log.slice(1, 5)];
    expect(firstBad(moved)).toMatchObject({ index: 1, reason: 'AUDIT_REORDERED' });
  });

  it('reports a sequence gap written by the key holder', () => {
    const skipped = createAuditEntry({ seq: 7, hash: at(5).hash }, inputAt(6), key.secretKey);
    const result = verifyAuditLog([...log, skipped], trust, { now: NOW });
    expect(result.firstBad).toMatchObject({ index: 6, reason: 'AUDIT_SEQUENCE_GAP' });
    expect(result.firstBad?.message).toContain('seq 8, expected 6');
  });

  it('reports time going backwards beyond the tolerance, and only then', () => {
    const late = (ms: number) =>
      createAuditEntry(at(5), inputAt(6, { at: new Date(Date.parse(at(5).at) - ms) }), key.secretKey, {
        deterministic: true,
      });
    expect(firstBad([...log, late(60_000)])).toBeUndefined();
    expect(firstBad([...log, late(60_001)])).toMatchObject({ index: 6, reason: 'AUDIT_TIME_WENT_BACKWARDS' });
    expect(firstBad([...log, late(1000)], trust, { timeToleranceMs: 0 })).toMatchObject({
      reason: 'AUDIT_TIME_WENT_BACKWARDS',
    });
  });

  it('reports truncation and a rewritten log against a known head or length', () => {
    expect(firstBad(log.slice(0, 4), trust, { expectedHead: auditHead(log) })).toMatchObject({
      index: 4,
      reason: 'AUDIT_TRUNCATED',
    });
    expect(firstBad(log.slice(0, 4), trust, { expectedLength: 6 })).toMatchObject({
      index: 4,
      reason: 'AUDIT_TRUNCATED',
    });
    expect(
      firstBad(log, trust, { expectedHead: auditHead(log.slice(0, 3)), expectedLength: 6 }),
    ).toBeUndefined();
    const rewritten = buildLog(6, [other]);
    expect(firstBad(rewritten, trust, { expectedHead: auditHead(log.slice(0, 3)) })).toMatchObject({
      index: 2,
      reason: 'AUDIT_HEAD_MISMATCH',
    });
  });

  it('verifies a segment after a known head', () => {
    const after = auditHead(log.slice(0, 4));
    expect(verifyAuditLog(log.slice(4), trust, { now: NOW, after, expectedLength: 6 })).toEqual({
      valid: true,
      length: 6,
      head: auditHead(log),
    });
    expect(firstBad(log.slice(3), trust, { after })).toMatchObject({ index: 0, reason: 'AUDIT_BROKEN_LINK' });
    expect(firstBad([], trust, { after, expectedHead: { ...after, hash: at(0).hash } })).toMatchObject({
      reason: 'AUDIT_HEAD_MISMATCH',
    });
  });

  it('throws typed errors for bad arguments and too many entries', () => {
    expect(codeOf(() => verifyAuditLog('x' as never, trust))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => verifyAuditLog(new Array(MAX_AUDIT_ENTRIES + 1) as never, trust))).toBe(
      'ERR_LIMIT_EXCEEDED',
    );
    expect(codeOf(() => verifyAuditLog(log, trust, { expectedLength: -1 }))).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => verifyAuditLog(log, trust, { timeToleranceMs: Number.NaN }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
    expect(codeOf(() => verifyAuditLog(log, trust, { after: { seq: -1, hash: at(0).hash } }))).toBe(
      'ERR_INVALID_ARGUMENT',
    );
    expect(
      codeOf(() =>
        verifyAuditLog(log, trust, { after: auditHead(log), expectedHead: auditHead(log.slice(0, 2)) }),
      ),
    ).toBe('ERR_INVALID_ARGUMENT');
  });
});
