import { MamlkitError } from 'mamlkit';
import {
  AuditError,
  createAuditEntry,
  parseAuditLog,
  serializeAuditLog,
  verifyAuditLog,
  type AuditEntry,
} from 'mamlkit/audit';
import { createTrustStore, generateSigningKeyPair, importSigningPublicJwk } from 'mamlkit/sign';
import vector from '../../vectors/audit/log-v1.json' with { type: 'json' };
import { mutatedLog } from '../../vectors/audit/mutations.js';
import { assert, assertEqual, captureError, type RuntimeCase } from '../harness.js';

const publicKeys = vector.keys.map((k) => importSigningPublicJwk(k.jwk));
const trust = createTrustStore(publicKeys);
const lines = vector.log.split('\n').slice(0, -1);

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Conformance cases for `mamlkit/audit`. */
export const cases: RuntimeCase[] = [
  {
    name: 'audit: the frozen log verifies with its head and reserializes byte for byte',
    run: () => {
      const entries = parseAuditLog(vector.log);
      const result = verifyAuditLog(entries, trust, { expectedHead: vector.head });
      assert(result.valid, `valid (${result.firstBad?.reason ?? ''} ${result.firstBad?.message ?? ''})`);
      assertEqual(result.head.hash, vector.head.hash, 'head hash');
      assertEqual(result.length, 4, 'length');
      assertEqual(serializeAuditLog(entries), vector.log, 'serialized log');
    },
  },
  {
    name: 'audit: deterministic signing rebuilds the frozen log exactly',
    run: () => {
      const secrets = vector.keys.map((k) => {
        const { algorithm } = importSigningPublicJwk(k.jwk);
        return generateSigningKeyPair({ algorithm, seed: hexToBytes(k.seed) }).secretKey;
      });
      const rebuilt: AuditEntry[] = [];
      for (const e of parseAuditLog(vector.log)) {
        const key = secrets.find((s) => s.keyId === e.kid);
        assert(key !== undefined, `seed for ${e.kid}`);
        const input = { actor: e.actor, action: e.action, subject: e.subject, at: new Date(e.at) };
        const full = e.details === undefined ? input : { ...input, details: e.details };
        rebuilt.push(createAuditEntry(rebuilt.at(-1) ?? null, full, key, { deterministic: true }));
      }
      assertEqual(serializeAuditLog(rebuilt), vector.log, 'rebuilt log');
    },
  },
  {
    name: 'audit: entry hashes are WebCrypto SHA-256 of the recorded to-be-signed bytes',
    run: async () => {
      const entries = parseAuditLog(vector.log);
      for (let i = 0; i < entries.length; i++) {
        const tbs = new TextEncoder().encode(`mamlkit/audit-entry-hash/v1\0${vector.toBeSigned[i] ?? ''}`);
        const digest = toHex(await crypto.subtle.digest('SHA-256', tbs));
        assertEqual(`sha256:${digest}`, entries[i]?.hash, `hash of entry ${i}`);
      }
    },
  },
  {
    name: 'audit: edited, deleted, swapped and truncated logs fail at the recorded index and reason',
    run: () => {
      for (const m of vector.mutations) {
        const text = mutatedLog(m);
        const options = 'expectHead' in m ? { expectedHead: vector.head } : {};
        const bad = verifyAuditLog(parseAuditLog(text), trust, options).firstBad;
        assertEqual(bad?.index, m.index, `${m.name}: index`);
        assertEqual(bad?.reason, m.reason, `${m.name}: reason`);
      }
    },
  },
  {
    name: 'audit: a malformed line is a typed error naming its line',
    run: async () => {
      const error = await captureError(() => parseAuditLog(`${lines[0] ?? ''}\n{"v":\n${lines[1] ?? ''}\n`));
      assert(error instanceof AuditError && error instanceof MamlkitError, 'AuditError');
      assertEqual(error.code, 'ERR_AUDIT_LOG_SYNTAX', 'code');
      assertEqual(error.line, 2, 'line');
    },
  },
  {
    name: 'audit: a string that is not NFC is refused, not normalised',
    run: async () => {
      const error = await captureError(() =>
        createAuditEntry(
          null,
          {
            actor: 'cafe\u0301',
            action: 'CREATE',
            subject: { id: 'doc', digest: vector.head.hash },
            at: new Date(0),
          },
          generateSigningKeyPair({ algorithm: 'ML-DSA-44', seed: new Uint8Array(32) }).secretKey,
        ),
      );
      assert(error instanceof AuditError, 'AuditError');
      assertEqual(error.code, 'ERR_AUDIT_ENTRY_FORMAT', 'code');
    },
  },
];
