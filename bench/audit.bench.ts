/**
 * Audit-log benchmarks: `npm run bench -- audit`. For ML-DSA-65 and ML-DSA-87: verifying a
 * 1 000-entry log with `verifyAuditLog` (format checks, canonical encoding, hash chain,
 * trust-store rules, signature) against calling `@noble/post-quantum`'s `ml_dsa*.verify`
 * directly on the same 1 000 canonical to-be-signed byte strings with the same context, and
 * `parseAuditLog` of the same log as JSON Lines (the non-crypto work alone); and
 * appending 100 entries with `createAuditEntry` against 100 direct `ml_dsa*.sign` calls on
 * those bytes.
 */
import { ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import {
  auditSubject,
  createAuditEntry,
  parseAuditLog,
  serializeAuditLog,
  verifyAuditLog,
  type AuditEntry,
  type AuditEntryInput,
} from 'mamlkit/audit';
import {
  createTrustStore,
  generateSigningKeyPair,
  SIGNATURE_CONTEXTS,
  type SigningAlgorithm,
} from 'mamlkit/sign';
import type { BenchGroup } from './harness.js';

const LOG_ENTRIES = 1000;
const APPENDS = 100;
const context = new TextEncoder().encode(SIGNATURE_CONTEXTS.audit);
const subject = auditSubject('urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f', 'bench document');
const start = Date.parse('2026-11-21T10:00:00.000Z');
const ACTIONS = ['CREATE', 'VALIDATE', 'VERIFY', 'SEAL', 'OPEN', 'EXECUTE'];

function input(i: number): AuditEntryInput {
  return {
    actor: `agent://worker-${i % 7}`,
    action: ACTIONS[i % ACTIONS.length] ?? 'EXECUTE',
    subject,
    at: new Date(start + i * 1000),
    details: { run: i, ok: true },
  };
}

/** JSON with object keys sorted: RFC 8785 canonical JSON for the ASCII strings and integers used here. */
function sortedJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${sortedJson(record[key])}`)
    .join(',')}}`;
}

/** An entry's to-be-signed bytes, rebuilt independently of the library. */
function toBeSigned(entry: AuditEntry): Uint8Array {
  const fields = Object.entries(entry).filter(([key]) => key !== 'hash' && key !== 'sig');
  return new TextEncoder().encode(sortedJson(Object.fromEntries(fields)));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function groupsFor(algorithm: SigningAlgorithm, dsa: typeof ml_dsa87): BenchGroup[] {
  const { publicKey, secretKey } = generateSigningKeyPair({ algorithm, seed: new Uint8Array(32).fill(3) });
  const trust = createTrustStore([publicKey]);
  const log: AuditEntry[] = [];
  for (let i = 0; i < LOG_ENTRIES; i++) log.push(createAuditEntry(log.at(-1) ?? null, input(i), secretKey));
  const raw = log.map((entry) => ({ message: toBeSigned(entry), signature: fromBase64(entry.sig) }));
  if (!raw.every((r) => dsa.verify(r.signature, r.message, publicKey.publicKey, { context }))) {
    throw new Error('the rebuilt to-be-signed bytes differ from what the library signed');
  }
  if (!verifyAuditLog(log, trust).valid) throw new Error('the bench log does not verify');
  const head = log[LOG_ENTRIES - 1] ?? null;
  const text = serializeAuditLog(log);
  return [
    {
      title: `Verify a ${LOG_ENTRIES.toLocaleString('en-US')}-entry log, ${algorithm}`,
      cases: [
        {
          name: `ml_dsa.verify × ${LOG_ENTRIES} (same bytes)`,
          baseline: true,
          run: () => raw.every((r) => dsa.verify(r.signature, r.message, publicKey.publicKey, { context })),
        },
        { name: `verifyAuditLog (${LOG_ENTRIES} entries)`, run: () => verifyAuditLog(log, trust) },
        { name: `parseAuditLog (${LOG_ENTRIES} lines, no crypto)`, run: () => parseAuditLog(text) },
      ],
      note: `One call handles ${LOG_ENTRIES} entries: entries per second = ${LOG_ENTRIES} × ops/s. Goal: chaining and encoding add under 10% to the raw verify time. parseAuditLog does the format checks and canonical encoding of every entry without hashing or signatures: the non-crypto share of verification.`,
    },
    {
      title: `Append ${APPENDS} entries, ${algorithm}`,
      cases: [
        {
          name: `ml_dsa.sign × ${APPENDS} (same bytes)`,
          baseline: true,
          run: () => {
            for (let i = 0; i < APPENDS; i++)
              dsa.sign(raw[i]?.message ?? new Uint8Array(), secretKey.secretKey, { context });
          },
        },
        {
          name: `createAuditEntry × ${APPENDS} (chained)`,
          run: () => {
            let previous = head;
            for (let i = 0; i < APPENDS; i++)
              previous = createAuditEntry(previous, input(LOG_ENTRIES + i), secretKey);
          },
        },
      ],
      note: `One call appends ${APPENDS} entries (hedged signing, as by default): entries per second = ${APPENDS} × ops/s. An appender keeps only the head, so the cost does not depend on the log's length.`,
    },
  ];
}

export default function groups(): Promise<BenchGroup[]> {
  return Promise.resolve([...groupsFor('ML-DSA-65', ml_dsa65), ...groupsFor('ML-DSA-87', ml_dsa87)]);
}
