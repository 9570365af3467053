import type { SigningAlgorithm } from '../sign/index.js';
import type { AuditJson } from './canonical-json.js';

/** What an entry is about: a document id and the SHA-256 digest of the document's bytes. */
export interface AuditSubject {
  /** The document id, for MAML its front matter `id` (for example `urn:uuid:…`). */
  readonly id: string;
  /** `sha256:` and 64 lower-case hex digits: SHA-256 of the exact bytes acted on. */
  readonly digest: string;
}

/**
 * The end of a log: the sequence number and hash of its last entry. The empty log's head is
 * {@link AUDIT_GENESIS_HEAD}. Small, plain and serializable: an appender can keep only this.
 */
export interface AuditHead {
  readonly seq: number;
  /** `sha256:` and 64 lower-case hex digits. */
  readonly hash: string;
}

/** Actions mamlkit names; any other `[A-Z][A-Z0-9_-]*` verb (up to 64 characters) is allowed too. */
export type AuditAction = 'CREATE' | 'VALIDATE' | 'VERIFY' | 'SEAL' | 'OPEN' | 'EXECUTE';

/**
 * One entry of an audit log, exactly as it is stored (one JSON Lines line). Plain data;
 * docs/spec/audit.md defines every field.
 */
export interface AuditEntry {
  /** Format version: 1. */
  readonly v: 1;
  /** Position in the log: 0 for the first entry, then one more each time. */
  readonly seq: number;
  /** When it happened, RFC 3339 UTC with milliseconds (`2026-11-21T10:00:00.000Z`). */
  readonly at: string;
  /** Who did it (for example `agent://builder`). */
  readonly actor: string;
  /** What was done: an {@link AuditAction} or a caller-defined verb. */
  readonly action: AuditAction | (string & {});
  readonly subject: AuditSubject;
  /** Optional JSON (limits in docs/spec/audit.md); covered by the hash and the signature. */
  readonly details?: AuditJson;
  /** The `hash` of the previous entry, {@link AUDIT_GENESIS_HASH} for the first. */
  readonly prev: string;
  /** The signer's algorithm. */
  readonly alg: SigningAlgorithm;
  /** The signer's key id (`mamlkit/sign` key ids). */
  readonly kid: string;
  /** SHA-256 over the entry's canonical encoding (everything but `hash` and `sig`). */
  readonly hash: string;
  /** ML-DSA signature of the canonical encoding, standard base64. */
  readonly sig: string;
}

/** `prev` of the first entry of every log: `sha256:` and 64 zeros. */
export const AUDIT_GENESIS_HASH: string = `sha256:${'0'.repeat(64)}`;

/** The head of the empty log: `{ seq: -1, hash: AUDIT_GENESIS_HASH }`. */
export const AUDIT_GENESIS_HEAD: AuditHead = /* @__PURE__ */ Object.freeze({
  seq: -1,
  hash: AUDIT_GENESIS_HASH,
});
