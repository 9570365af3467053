/**
 * Regenerates log-v1.json: `npx tsx test/vectors/audit/generate.ts`. Only needed when the
 * format version changes; the vector test fails if this script and the frozen file disagree.
 */
import { writeFileSync } from 'node:fs';
import { auditHead, auditSubject, createAuditEntry, serializeAuditLog, type AuditEntry } from '../../../src/audit/index.js';
import { exportSigningJwk, generateSigningKeyPair, type SigningAlgorithm } from '../../../src/sign/index.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeEntryFields } from '../../../src/audit/encode.js';

const created = new Date('2026-01-01T00:00:00Z');
const keySpecs: readonly [SigningAlgorithm, number][] = [
  ['ML-DSA-87', 0xa1],
  ['ML-DSA-44', 0xb2],
  ['ML-DSA-65', 0xc3],
];
const keys = keySpecs.map(([algorithm, fill]) => {
  const seed = new Uint8Array(32).fill(fill);
  return { seed, pair: generateSigningKeyPair({ algorithm, seed, created }) };
});
const subject = auditSubject('urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f', 'mamlkit audit vector document\n');
const steps = [
  { key: 0, actor: 'agent://builder', action: 'CREATE', at: '2026-11-21T10:00:00.000Z', details: { note: 'café ☕ 東京', tool: 'mamlkit' } },
  {
    key: 1,
    actor: 'gateway://prod',
    action: 'VERIFY',
    at: '2026-11-21T10:00:01.500Z',
    details: { numbers: [0.1, 1e21, -5, 1.5e-7, 9007199254740991], nested: { b: [true, false, null], a: '\u0000x"\\\u2028' } },
  },
  { key: 2, actor: 'agent://vault', action: 'SEAL', at: '2026-11-21T10:00:02.001Z' },
  { key: 0, actor: 'gateway://prod', action: 'EXECUTE', at: '2026-11-21T10:05:00.000Z', details: { exit: 0 } },
];
const entries: AuditEntry[] = [];
for (const step of steps) {
  const { key, at, ...input } = step;
  const signer = keys[key]?.pair.secretKey;
  if (signer === undefined) throw new Error('no key');
  entries.push(
    createAuditEntry(entries.at(-1) ?? null, { ...input, subject, at: new Date(at) }, signer, { deterministic: true }),
  );
}
const log = serializeAuditLog(entries);
const vector = {
  description:
    'mamlkit audit log, format v1 (docs/spec/audit.md): four entries by three keys, deterministic ML-DSA signatures. Keys are test keys from fixed seeds. Mutations list the lines of `log` to keep, in order, and an optional text replacement in one of them.',
  keys: keys.map(({ seed, pair }) => ({ seed: bytesToHex(seed), jwk: exportSigningJwk(pair.publicKey) })),
  log,
  head: auditHead(entries),
  toBeSigned: entries.map((entry) => new TextDecoder().decode(encodeEntryFields(entry))),
  mutations: [
    {
      name: 'actor of entry 1 edited',
      lines: [0, 1, 2, 3],
      replace: { line: 1, from: '"actor":"gateway://prod"', to: '"actor":"gateway://evil"' },
      index: 1,
      reason: 'AUDIT_TAMPERED',
    },
    { name: 'entry 1 deleted', lines: [0, 2, 3], index: 1, reason: 'AUDIT_BROKEN_LINK' },
    { name: 'entries 1 and 2 swapped', lines: [0, 2, 1, 3], index: 1, reason: 'AUDIT_REORDERED' },
    { name: 'last entry cut off, head known', lines: [0, 1, 2], expectHead: true, index: 3, reason: 'AUDIT_TRUNCATED' },
  ],
};
writeFileSync(new URL('./log-v1.json', import.meta.url), `${JSON.stringify(vector, null, 2)}\n`);
console.log(`wrote log-v1.json: ${entries.length} entries, head ${vector.head.hash}`);
