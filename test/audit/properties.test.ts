/**
 * Property tests: random logs of 1 to 200 entries (prefixes of one random 200-entry log, signed
 * once with ML-DSA-44 by two trusted keys) under single mutations. Each mutation must be caught
 * at the index and with the reason docs/spec/audit.md gives. Signature checks of unchanged
 * entries are memoised per (key, signature, bytes), so every run still verifies each entry's
 * signature for real the first time it is seen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditHead,
  createAuditEntry,
  type AuditEntry,
  type AuditEntryInput,
  type AuditFailureReason,
  type AuditJson,
} from '../../src/audit/index.js';
import { checkEntrySignature, verifyAuditLogWith, type EntrySignatureCheck } from '../../src/audit/verify.js';
import { createTrustStore } from '../../src/sign/index.js';
import { auditKeyPair, START, SUBJECT } from './fixtures.js';

const keyA = auditKeyPair('ML-DSA-44', 7);
const keyB = auditKeyPair('ML-DSA-44', 8);
const trust = createTrustStore([keyA.publicKey, keyB.publicKey]);
const RUNS = 40;

const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const nfc = (value: unknown): AuditJson => {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), nfc(v)]));
  }
  return value as AuditJson;
};

const textArb = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
  .map((s) => s.normalize('NFC'))
  .filter((s) => s.length > 0 && !CONTROL.test(s));
const inputArb = fc.record({
  actor: textArb,
  action: fc.constantFrom('CREATE', 'VALIDATE', 'VERIFY', 'SEAL', 'OPEN', 'EXECUTE', 'APPROVE', 'X-1'),
  id: textArb,
  stepMs: fc.integer({ min: 0, max: 600_000 }),
  details: fc.option(fc.jsonValue({ maxDepth: 3 }).map(nfc), { nil: undefined }),
  signer: fc.boolean(),
});
type RandomInput = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function build(inputs: readonly RandomInput[], from: AuditEntry | null, startMs: number): AuditEntry[] {
  const log: AuditEntry[] = [];
  let previous = from;
  let at = startMs;
  for (const r of inputs) {
    at += r.stepMs;
    const input: AuditEntryInput = {
      actor: r.actor,
      action: r.action,
      subject: { id: r.id, digest: SUBJECT.digest },
      at: new Date(at),
      ...(r.details === undefined ? {} : { details: r.details }),
    };
    previous = createAuditEntry(previous, input, (r.signer ? keyA : keyB).secretKey);
    log.push(previous);
  }
  return log;
}

const base = build(fc.sample(inputArb, { numRuns: 200, seed: 20261121 }), null, START);
const foreign = build(fc.sample(inputArb, { numRuns: 8, seed: 7 }), null, START);

const memo = new Map<string, boolean>();
const memoCheck: EntrySignatureCheck = (decoded, key) => {
  // The hash was checked against the bytes before the signature check, so it stands for them.
  const id = `${key.keyId} ${decoded.entry.hash} ${decoded.entry.sig}`;
  let ok = memo.get(id);
  if (ok === undefined) {
    ok = checkEntrySignature(decoded, key);
    memo.set(id, ok);
  }
  return ok;
};
/** After the last entry of any generated log (200 steps of at most 10 minutes). */
const VERIFIED_AT = new Date(START + 200 * 600_000);
const verify = (entries: readonly AuditEntry[], options = {}) =>
  verifyAuditLogWith(entries, trust, { now: VERIFIED_AT, ...options }, memoCheck);

const logArb = fc.integer({ min: 1, max: 200 }).map((n) => base.slice(0, n));
const withIndex = (min: number, offset = 0) =>
  fc
    .integer({ min, max: 200 })
    .chain((n) => fc.tuple(fc.constant(base.slice(0, n)), fc.integer({ min: 0, max: n - 1 + offset })));

function expectFailure(
  entries: readonly AuditEntry[],
  index: number,
  reason: AuditFailureReason,
  options = {},
): void {
  const result = verify(entries, options);
  expect(result.valid).toBe(false);
  expect(result.firstBad).toMatchObject({ index, reason });
}

const digestArb = fc.stringMatching(/^[\da-f]{64}$/).map((hex) => `sha256:${hex}`);
type Edit = (entry: AuditEntry, log: readonly AuditEntry[]) => AuditEntry;
const editArb: fc.Arbitrary<[string, Edit]> = fc.oneof(
  fc.integer({ min: 1, max: 1000 }).map((d): [string, Edit] => ['seq', (e) => ({ ...e, seq: e.seq + d })]),
  fc
    .integer({ min: 1, max: 1e9 })
    .map((d): [string, Edit] => ['at', (e) => ({ ...e, at: new Date(Date.parse(e.at) - d).toISOString() })]),
  textArb.map((t): [string, Edit] => ['actor', (e) => ({ ...e, actor: e.actor === t ? `${t}x` : t })]),
  fc.constant<[string, Edit]>([
    'action',
    (e) => ({ ...e, action: e.action === 'EXECUTE' ? 'CREATE' : 'EXECUTE' }),
  ]),
  textArb.map((t): [string, Edit] => [
    'subject.id',
    (e) => ({ ...e, subject: { ...e.subject, id: e.subject.id === t ? `${t}x` : t } }),
  ]),
  digestArb.map((d): [string, Edit] => [
    'subject.digest',
    (e) => ({
      ...e,
      subject: { ...e.subject, digest: d === e.subject.digest ? SUBJECT.digest.replace('a', 'c') : d },
    }),
  ]),
  fc
    .integer()
    .map((n): [string, Edit] => [
      'details',
      (e) => (e.details === undefined ? { ...e, details: n } : { ...e, details: [e.details] }),
    ]),
  digestArb.map((d): [string, Edit] => ['prev', (e) => ({ ...e, prev: d })]),
  fc.constant<[string, Edit]>(['alg', (e) => ({ ...e, alg: 'ML-DSA-87' })]),
  fc.constant<[string, Edit]>([
    'kid',
    (e) => ({ ...e, kid: e.kid === keyA.publicKey.keyId ? keyB.publicKey.keyId : keyA.publicKey.keyId }),
  ]),
  digestArb.map((d): [string, Edit] => ['hash', (e) => ({ ...e, hash: d })]),
  fc.constant<[string, Edit]>([
    'sig',
    (e, log) => ({ ...e, sig: (log.find((other) => other.sig !== e.sig) ?? foreign[0] ?? e).sig }),
  ]),
);

describe('audit log properties (ML-DSA-44, logs of 1 to 200 entries)', () => {
  it('an unmodified log verifies, and its head is auditHead', () => {
    fc.assert(
      fc.property(logArb, (log) => {
        const result = verify(log);
        expect(result).toEqual({ valid: true, length: log.length, head: auditHead(log) });
      }),
      { numRuns: RUNS },
    );
  });

  it('any single-field edit is TAMPERED at that entry (BAD_SIGNATURE for the signature)', () => {
    fc.assert(
      fc.property(withIndex(1), editArb, ([log, i], [field, edit]) => {
        const edited = log.map((e, j) => (j === i ? edit(e, log) : e));
        expectFailure(edited, i, field === 'sig' ? 'AUDIT_BAD_SIGNATURE' : 'AUDIT_TAMPERED');
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('deleting any entry but the last is a BROKEN_LINK where it was', () => {
    fc.assert(
      fc.property(withIndex(2, -1), ([log, d]) => {
        expectFailure(
          log.filter((_, j) => j !== d),
          d,
          'AUDIT_BROKEN_LINK',
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('inserting an entry of another log is a BROKEN_LINK at the insertion', () => {
    fc.assert(
      fc.property(withIndex(1, 1), fc.nat(foreign.length - 1), ([log, k], f) => {
        const inserted = [...log.slice(0, k), foreign[f] as AuditEntry, ...log.slice(k)];
        // Two genesis entries with nothing after them: no later entry tells which one is the
        // intruder, so the verifier blames the second.
        expectFailure(inserted, k === 0 && f === 0 && log.length === 1 ? 1 : k, 'AUDIT_BROKEN_LINK');
      }),
      { numRuns: RUNS },
    );
    const otherGenesis = foreign[0] as AuditEntry;
    expectFailure([otherGenesis, ...base.slice(0, 3)], 0, 'AUDIT_BROKEN_LINK');
    expectFailure([otherGenesis, ...base.slice(0, 1)], 1, 'AUDIT_BROKEN_LINK');
  });

  it('inserting a replayed copy of an entry is a BROKEN_LINK at the second copy', () => {
    fc.assert(
      fc.property(withIndex(1, 1), fc.nat(199), ([log, k], m0) => {
        const m = m0 % log.length;
        const inserted = [...log.slice(0, k), log[m] as AuditEntry, ...log.slice(k)];
        expectFailure(inserted, m === k ? k + 1 : k, 'AUDIT_BROKEN_LINK');
      }),
      { numRuns: RUNS },
    );
  });

  it('inserting a forged entry that fits its place (a fork by a trusted key) is a BROKEN_LINK there', () => {
    fc.assert(
      fc.property(withIndex(2, -1), inputArb, ([log, k], r) => {
        const previous = k === 0 ? null : (log[k - 1] as AuditEntry);
        const at = new Date(Date.parse((log[k] as AuditEntry).at));
        const forged = createAuditEntry(
          previous,
          { actor: r.actor, action: r.action, subject: SUBJECT, at },
          keyA.secretKey,
        );
        expectFailure([...log.slice(0, k), forged, ...log.slice(k)], k, 'AUDIT_BROKEN_LINK');
      }),
      { numRuns: 20 },
    );
  });

  it('swapping any two entries is REORDERED at the first of them', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 200 })
          .chain((n) =>
            fc.tuple(
              fc.constant(base.slice(0, n)),
              fc.uniqueArray(fc.nat(n - 1), { minLength: 2, maxLength: 2 }),
            ),
          ),
        ([log, pair]) => {
          const [i, j] = [Math.min(...pair), Math.max(...pair)];
          const swapped = [...log];
          [swapped[i], swapped[j]] = [log[j] as AuditEntry, log[i] as AuditEntry];
          expectFailure(swapped, i, 'AUDIT_REORDERED');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('truncation is caught with a known head or length, at the first missing index', () => {
    fc.assert(
      fc.property(withIndex(1), fc.boolean(), ([log, m], byHead) => {
        const options = byHead ? { expectedHead: auditHead(log) } : { expectedLength: log.length };
        expectFailure(log.slice(0, m), m, 'AUDIT_TRUNCATED', options);
        expect(verify(log.slice(0, m)).valid).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('a log that grew past a known head still verifies against it', () => {
    fc.assert(
      fc.property(withIndex(1), ([log, m]) => {
        expect(
          verify(log, { expectedHead: auditHead(log.slice(0, m + 1)), expectedLength: m + 1 }).valid,
        ).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
