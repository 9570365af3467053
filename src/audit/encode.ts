import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { auditCanonicalJson } from './canonical-json.js';
import { MAX_AUDIT_DETAILS_DEPTH, MAX_AUDIT_LINE_CHARS } from './limits.js';
import type { AuditEntry } from './types.js';

/** Every field of an entry but `hash` and `sig`: what is hashed and signed. */
export type AuditEntryFields = Omit<AuditEntry, 'hash' | 'sig'>;

const ENCODER = /* @__PURE__ */ new TextEncoder();

/** Prefix of the hashed bytes, so an entry hash never equals the digest of anything else. */
const HASH_PREFIX = /* @__PURE__ */ ENCODER.encode('mamlkit/audit-entry-hash/v1\0');

/**
 * The to-be-signed bytes of an entry: UTF-8 of the RFC 8785 canonical JSON of its fields
 * (docs/spec/audit.md, "Canonical encoding"). The fields must already be checked.
 */
export function encodeEntryFields(fields: AuditEntryFields): Uint8Array {
  const object = {
    v: fields.v,
    seq: fields.seq,
    at: fields.at,
    actor: fields.actor,
    action: fields.action,
    subject: { id: fields.subject.id, digest: fields.subject.digest },
    ...(fields.details === undefined ? {} : { details: fields.details }),
    prev: fields.prev,
    alg: fields.alg,
    kid: fields.kid,
  };
  const text = auditCanonicalJson(object, 'entry', {
    maxChars: MAX_AUDIT_LINE_CHARS,
    maxDepth: MAX_AUDIT_DETAILS_DEPTH + 1,
  });
  return ENCODER.encode(text);
}

/** `sha256:` + hex of SHA-256("mamlkit/audit-entry-hash/v1" ‖ 0x00 ‖ to-be-signed bytes). */
export function hashEntryBytes(tbs: Uint8Array): string {
  return `sha256:${bytesToHex(sha256.create().update(HASH_PREFIX).update(tbs).digest())}`;
}
