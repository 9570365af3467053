/**
 * The store interface: compare-and-append, appendAudit's retries, and streaming verification,
 * which must judge every log as the array verifier does (a differential property test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendAudit,
  AUDIT_GENESIS_HEAD,
  AuditConflictError,
  auditHead,
  createAuditEntry,
  formatAuditLine,
  verifyAudit,
  type AuditEntry,
  type AuditStore,
  type AuditVerification,
} from '../../src/audit/index.js';
import {
  checkEntrySignature,
  verifyAuditLogWith,
  verifyAuditWith,
  type EntrySignatureCheck,
} from '../../src/audit/verify.js';
import { createTrustStore } from '../../src/sign/index.js';
import { auditKeyPair, buildLog, inputAt, START } from './fixtures.js';
import { memoryStore } from './memory-store.js';

const keyA = auditKeyPair('ML-DSA-44', 7);
const keyB = auditKeyPair('ML-DSA-44', 8);
const trust = createTrustStore([keyA.publicKey, keyB.publicKey]);
const base = buildLog(40, [keyA, keyB]);
const foreign = buildLog(3, [keyB]);
const NOW = new Date(START + 41 * 60_000);

const memo = new Map<string, boolean>();
const memoCheck: EntrySignatureCheck = (decoded, key) => {
  const id = `${key.keyId} ${decoded.entry.hash} ${decoded.entry.sig}`;
  let ok = memo.get(id);
  if (ok === undefined) {
    ok = checkEntrySignature(decoded, key);
    memo.set(id, ok);
  }
  return ok;
};

describe('AuditStore and appendAudit', () => {
  it('issue 18 shared audit log: a stale append gets ERR_AUDIT_CONFLICT with the new head', async () => {
    const store = memoryStore();
    const first = createAuditEntry(null, inputAt(0), keyA.secretKey);
    const rival = createAuditEntry(null, inputAt(1), keyB.secretKey);
    await store.append(first);
    const error = await store.append(rival).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditConflictError);
    expect(error).toMatchObject({ code: 'ERR_AUDIT_CONFLICT', head: auditHead([first]) });
    expect(store.stored).toEqual([formatAuditLine(first)]);
  });

  it('issue 18 shared audit log: concurrent appendAudit calls re-create their entries on the new head', async () => {
    const store = memoryStore();
    const retries: number[] = [];
    const entries = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        appendAudit(store, inputAt(i), keyA.secretKey, {
          beforeRetry: (attempt) => void retries.push(attempt),
        }),
      ),
    );
    expect(retries.length).toBeGreaterThan(0);
    expect(store.stored).toHaveLength(6);
    expect(new Set(entries.map((e) => e.hash)).size).toBe(6);
    const result = await verifyAudit(store, trust, { now: NOW });
    expect(result).toMatchObject({ valid: true, length: 6 });
  });

  it('issue 18 shared audit log: appendAudit gives up with ERR_AUDIT_CONTENDED after maxAttempts', async () => {
    let appends = 0;
    const losing: AuditStore = {
      head: () => Promise.resolve(AUDIT_GENESIS_HEAD),
      append: () => {
        appends++;
        return Promise.reject(new AuditConflictError(auditHead(base.slice(0, appends)), 'lost'));
      },
      lines: () => memoryStore().lines(),
    };
    const error = await appendAudit(losing, inputAt(0), keyA.secretKey, { maxAttempts: 3 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'ERR_AUDIT_CONTENDED' });
    expect(appends).toBe(3);
    const bad = await appendAudit(losing, inputAt(0), keyA.secretKey, { maxAttempts: 0 }).catch(
      (e: unknown) => e,
    );
    expect(bad).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('a store with appendNext creates the entry on the head it holds, with no lost race', async () => {
    const inner = memoryStore();
    let heads = 0;
    let queue: Promise<unknown> = Promise.resolve();
    const locked: AuditStore = {
      ...inner,
      head: () => Promise.reject(new Error('appendNext must be used')),
      appendNext: (create) => {
        const next = queue.then(async () => {
          heads++;
          const entry = create(await inner.head());
          await inner.append(entry);
          return entry;
        });
        queue = next;
        return next;
      },
    };
    await Promise.all([0, 1, 2].map((i) => appendAudit(locked, inputAt(i), keyA.secretKey)));
    expect(heads).toBe(3);
    expect(await verifyAudit(inner, trust, { now: NOW })).toMatchObject({ valid: true, length: 3 });
  });
});

type Mutation = (log: readonly AuditEntry[]) => unknown[];
const mutationArb: fc.Arbitrary<[string, Mutation]> = fc.oneof(
  fc.constant<[string, Mutation]>(['none', (log) => [...log]]),
  fc.nat().map((i): [string, Mutation] => ['delete', (log) => log.filter((_, j) => j !== i % log.length)]),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]): [string, Mutation] => [
    'swap',
    (log) => {
      const out: unknown[] = [...log];
      const [a, b] = [i % log.length, j % log.length];
      [out[a], out[b]] = [log[b], log[a]];
      return out;
    },
  ]),
  fc
    .tuple(fc.nat(), fc.nat())
    .map(([i, j]): [string, Mutation] => [
      'replay',
      (log) => [
        ...log.slice(0, i % (log.length + 1)),
        log[j % log.length],
        ...log.slice(i % (log.length + 1)),
      ],
    ]),
  fc
    .tuple(fc.nat(), fc.nat(2))
    .map(([i, f]): [string, Mutation] => [
      'foreign',
      (log) => [...log.slice(0, i % (log.length + 1)), foreign[f], ...log.slice(i % (log.length + 1))],
    ]),
  fc
    .tuple(fc.nat(), fc.constantFrom('actor', 'seq', 'prev', 'sig'))
    .map(([i, field]): [string, Mutation] => [
      `edit ${field}`,
      (log) =>
        log.map((e, j) =>
          j !== i % log.length
            ? e
            : field === 'actor'
              ? { ...e, actor: `${e.actor}x` }
              : field === 'seq'
                ? { ...e, seq: e.seq + 1 }
                : field === 'prev'
                  ? { ...e, prev: foreign[0]?.hash }
                  : { ...e, sig: base[(j + 1) % base.length]?.sig },
        ),
    ]),
  fc
    .nat()
    .map((i): [string, Mutation] => [
      'not JSON',
      (log) => log.map((e, j) => (j === i % log.length ? '{"v":1,' : e)),
    ]),
);

const optionsArb = fc.oneof(
  fc.constant({}),
  fc.nat(45).map((n) => ({ expectedLength: n })),
  fc.nat(39).map((n) => ({ expectedHead: auditHead(base.slice(0, n + 1)) })),
);

/** The same judgement, allowing the streaming verifier to explain a broken link from neighbours only. */
function expectSameJudgement(streamed: AuditVerification, whole: AuditVerification): void {
  expect({ ...streamed, firstBad: undefined }).toEqual({ ...whole, firstBad: undefined });
  expect(streamed.firstBad?.index).toBe(whole.firstBad?.index);
  const links = ['AUDIT_BROKEN_LINK', 'AUDIT_REORDERED'];
  if (whole.firstBad !== undefined && links.includes(whole.firstBad.reason)) {
    expect(links).toContain(streamed.firstBad?.reason);
  } else expect(streamed.firstBad?.reason).toBe(whole.firstBad?.reason);
}

describe('verifyAudit streams a store and judges as verifyAuditLog does', () => {
  it('issue 18 shared audit log: same validity, length, head and first bad entry under any single mutation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        mutationArb,
        optionsArb,
        async (n, [, mutate], options) => {
          const values = mutate(base.slice(0, n));
          const lines = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
          const streamed = await verifyAuditWith(
            memoryStore(lines),
            trust,
            { now: NOW, ...options },
            memoCheck,
          );
          const parsed = lines.map((line) => {
            try {
              return JSON.parse(line) as AuditEntry;
            } catch {
              return line as unknown as AuditEntry;
            }
          });
          const whole = verifyAuditLogWith(parsed, trust, { now: NOW, ...options }, memoCheck);
          expectSameJudgement(streamed, whole);
        },
      ),
      { numRuns: 150 },
    );
  });
});
