import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAuditEntry, verifyAuditLog } from '../../src/audit/index.js';
import { authorizeExecution } from '../../src/gate/index.js';
import {
  createTrustStore,
  DEFAULT_CLOCK_SKEW_MS,
  SignError,
  signDetached,
  signMaml,
  verifyDetached,
  verifyMaml,
} from '../../src/sign/index.js';
import { fixedKeyPair, SMALL_MAML } from './fixtures.js';

const alice = fixedKeyPair('ML-DSA-44', 1);
const trust = createTrustStore([alice.publicKey]);
const now = new Date('2026-02-10T00:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const YEAR_MS = 365 * 86_400_000;

const future = signMaml(SMALL_MAML, alice.secretKey, { created: later(YEAR_MS) });
const entryAt = (at: Date) =>
  createAuditEntry(
    null,
    { actor: 'agent://a', action: 'CREATE', subject: { id: 'x', digest: `sha256:${'0'.repeat(64)}` }, at },
    alice.secretKey,
  );

describe('signatures created in the future', () => {
  it('item 8: a future-dated MAML signature is refused by verifyMaml and the gate, even with maxAgeDays', () => {
    const result = verifyMaml(future, trust, { now });
    expect(result.valid).toBe(false);
    expect(result.reason?.code).toBe('CREATED_IN_FUTURE');
    expect(result.signatures[0]?.reason?.code).toBe('CREATED_IN_FUTURE');
    const gate = authorizeExecution(future, { trust, principal: 'gateway://local', now, maxAgeDays: 1 });
    expect(gate.reasons.map((r) => r.code)).toEqual(['GATE_CREATED_IN_FUTURE']);
  });

  it('item 8: a future-dated detached signature is refused', () => {
    const sig = signDetached('data', alice.secretKey, { created: later(YEAR_MS) });
    expect(verifyDetached('data', sig, trust, { now }).reason?.code).toBe('CREATED_IN_FUTURE');
    expect(verifyDetached('data', sig, trust, { now: later(YEAR_MS) }).valid).toBe(true);
  });

  it('item 8: a future-dated audit entry is refused', () => {
    const result = verifyAuditLog([entryAt(later(YEAR_MS))], trust, { now });
    expect(result.firstBad).toMatchObject({ index: 0, reason: 'AUDIT_TIME_IN_FUTURE' });
    expect(verifyAuditLog([entryAt(later(60_000))], trust, { now }).valid).toBe(true);
  });

  it('a tampered future-dated signature is still BAD_SIGNATURE, refused in every mode', () => {
    const unflagged = SMALL_MAML.replace('quantum_security_flag: true\n', '');
    const edited = signMaml(unflagged, alice.secretKey, { created: later(YEAR_MS) }).replace(
      'Sum two',
      'Sum six',
    );
    expect(verifyMaml(edited, trust, { now }).reason?.code).toBe('BAD_SIGNATURE');
    const options = { trust, principal: 'gateway://local', now, signatures: 'optional' } as const;
    expect(authorizeExecution(edited, options).reasons.map((r) => r.code)).toEqual(['GATE_TAMPERED']);
  });

  it('item 8: a creation time is accepted exactly up to now plus the allowance (property)', () => {
    const sig = (offsetSeconds: number) =>
      signDetached('data', alice.secretKey, { created: later(offsetSeconds * 1000), deterministic: true });
    fc.assert(
      fc.property(
        fc.integer({ min: -86_400, max: 86_400 }),
        fc.option(fc.integer({ min: 0, max: 7200 }), { nil: undefined }),
        (offset, skewSeconds) => {
          const clockSkewMs = skewSeconds === undefined ? undefined : skewSeconds * 1000;
          const allowance = clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
          const result = verifyDetached('data', sig(offset), trust, {
            now,
            ...(clockSkewMs === undefined ? {} : { clockSkewMs }),
          });
          expect(result.valid).toBe(offset * 1000 <= allowance);
          if (!result.valid) expect(result.reason?.code).toBe('CREATED_IN_FUTURE');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('item 8: the allowance defaults to five minutes and can be changed, within bounds', () => {
    expect(DEFAULT_CLOCK_SKEW_MS).toBe(300_000);
    const soon = signMaml(SMALL_MAML, alice.secretKey, { created: later(10 * 60_000) });
    expect(verifyMaml(soon, trust, { now }).reason?.code).toBe('CREATED_IN_FUTURE');
    expect(verifyMaml(soon, trust, { now, clockSkewMs: 15 * 60_000 }).valid).toBe(true);
    const gate = { trust, principal: 'gateway://local', now, clockSkewMs: 15 * 60_000 };
    expect(authorizeExecution(soon, gate).allowed).toBe(true);
    for (const clockSkewMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, 2 * YEAR_MS]) {
      expect(() => verifyMaml(soon, trust, { now, clockSkewMs })).toThrow(SignError);
    }
  });
});
