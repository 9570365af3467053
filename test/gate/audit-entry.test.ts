import { describe, expect, it } from 'vitest';
import { AuditError, auditHead, mamlSubject, verifyAuditLog } from '../../src/audit/index.js';
import { authorizeExecution } from '../../src/gate/index.js';
import { createTrustStore, signMaml } from '../../src/sign/index.js';
import { fixedKeyPair, SIGNED_AT, SMALL_MAML } from '../sign/fixtures.js';

const alice = fixedKeyPair('ML-DSA-87', 1);
const server = fixedKeyPair('ML-DSA-44', 3);
const trust = createTrustStore([alice.publicKey, server.publicKey]);
const principal = 'gateway://local';
const now = new Date('2026-02-10T00:00:00Z');
const signed = signMaml(SMALL_MAML, alice.secretKey, { created: SIGNED_AT });

describe('authorizeExecution with an audit head', () => {
  it('returns the signed EXECUTE entry that follows the head when the run is allowed', () => {
    const first = authorizeExecution(signed, {
      trust,
      principal,
      now,
      audit: { head: null, secretKey: server.secretKey },
    });
    expect(first.allowed).toBe(true);
    const entry = first.auditEntry;
    expect(entry).toMatchObject({
      seq: 0,
      action: 'EXECUTE',
      actor: principal,
      at: '2026-02-10T00:00:00.000Z',
    });
    expect(entry?.subject).toEqual(first.document === undefined ? undefined : mamlSubject(first.document));
    if (entry === undefined) return;
    const second = authorizeExecution(signed, {
      trust,
      principal,
      now: new Date(now.getTime() + 1000),
      audit: { head: auditHead([entry]), secretKey: server.secretKey, details: { run: 2 } },
    });
    expect(second.auditEntry).toMatchObject({ seq: 1, prev: entry.hash, details: { run: 2 } });
    const log = second.auditEntry === undefined ? [entry] : [entry, second.auditEntry];
    expect(verifyAuditLog(log, trust, { now })).toMatchObject({ valid: true, length: 2 });
  });

  it('returns no entry when the run is refused, and none without the option', () => {
    const refused = authorizeExecution(SMALL_MAML, {
      trust,
      principal,
      now,
      audit: { head: null, secretKey: server.secretKey },
    });
    expect(refused.allowed).toBe(false);
    expect(refused).not.toHaveProperty('auditEntry');
    expect(authorizeExecution(signed, { trust, principal, now })).not.toHaveProperty('auditEntry');
  });

  it('throws the audit error when an allowed run cannot be recorded', () => {
    const bad = { head: { seq: 0, hash: 'nope' }, secretKey: server.secretKey };
    expect(() => authorizeExecution(signed, { trust, principal, now, audit: bad })).toThrow(AuditError);
  });
});
