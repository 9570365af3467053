/** The frozen vector test/vectors/audit/log-v1.json (see its README) must keep verifying byte for byte. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { describe, expect, it } from 'vitest';
import {
  createAuditEntry,
  parseAuditLog,
  serializeAuditLog,
  verifyAuditLog,
  type AuditEntry,
} from '../../src/audit/index.js';
import {
  createTrustStore,
  generateSigningKeyPair,
  importSigningPublicJwk,
  SIGNATURE_CONTEXTS,
} from '../../src/sign/index.js';
import vector from '../vectors/audit/log-v1.json' with { type: 'json' };
import { mutatedLog } from '../vectors/audit/mutations.js';

const publicKeys = vector.keys.map((k) => importSigningPublicJwk(k.jwk));
const trust = createTrustStore(publicKeys);
const entries = parseAuditLog(vector.log);
const DSA = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 } as const;

describe('frozen vector log-v1', () => {
  it('verifies, with the recorded head, and serializes back to the same bytes', () => {
    expect(verifyAuditLog(entries, trust, { expectedHead: vector.head })).toEqual({
      valid: true,
      length: 4,
      head: vector.head,
    });
    expect(serializeAuditLog(entries)).toBe(vector.log);
  });

  it('is reproduced exactly by deterministic signing from the recorded seeds', () => {
    const secrets = vector.keys.map((k) => {
      const { algorithm } = importSigningPublicJwk(k.jwk);
      return generateSigningKeyPair({ algorithm, seed: hexToBytes(k.seed) }).secretKey;
    });
    const rebuilt: AuditEntry[] = [];
    for (const e of entries) {
      const key = secrets.find((s) => s.keyId === e.kid);
      if (key === undefined) throw new Error(`no seed for ${e.kid}`);
      const input = { actor: e.actor, action: e.action, subject: e.subject, at: new Date(e.at) };
      const withDetails = e.details === undefined ? input : { ...input, details: e.details };
      rebuilt.push(createAuditEntry(rebuilt.at(-1) ?? null, withDetails, key, { deterministic: true }));
    }
    expect(serializeAuditLog(rebuilt)).toBe(vector.log);
  });

  it('hashes and signs the recorded to-be-signed bytes (checked with SHA-256 and ML-DSA directly)', () => {
    const prefix = new TextEncoder().encode('mamlkit/audit-entry-hash/v1\0');
    const context = new TextEncoder().encode(SIGNATURE_CONTEXTS.audit);
    entries.forEach((entry, i) => {
      const tbs = new TextEncoder().encode(vector.toBeSigned[i]);
      expect(`sha256:${bytesToHex(sha256(new Uint8Array([...prefix, ...tbs])))}`).toBe(entry.hash);
      const key = publicKeys.find((k) => k.keyId === entry.kid);
      const signature = Uint8Array.from(atob(entry.sig), (c) => c.charCodeAt(0));
      expect(DSA[entry.alg].verify(signature, tbs, key?.publicKey ?? new Uint8Array(), { context })).toBe(
        true,
      );
    });
  });

  it('reports each recorded mutation at the recorded index and reason', () => {
    for (const m of vector.mutations) {
      const text = mutatedLog(m);
      const options = 'expectHead' in m ? { expectedHead: vector.head } : {};
      expect(verifyAuditLog(parseAuditLog(text), trust, options).firstBad, m.name).toMatchObject({
        index: m.index,
        reason: m.reason,
      });
    }
  });
});
