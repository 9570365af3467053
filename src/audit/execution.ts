import type { MamlDocument } from '../maml/index.js';
import type { SigningSecretKey } from '../sign/index.js';
import type { AuditJson } from './canonical-json.js';
import { createAuditEntry, type CreateAuditEntryOptions } from './create.js';
import { mamlSubject } from './maml.js';
import type { AuditEntry, AuditHead } from './types.js';

/** What {@link executionAuditEntry} records. */
export interface ExecutionAuditInput {
  /** The document that is allowed to run. */
  readonly document: MamlDocument;
  /** Who runs it (the `principal` the execution gate checked). */
  readonly principal: string;
  /** When the run was allowed. */
  readonly at: Date;
  /** Extra JSON recorded in the entry; `undefined` records none. */
  readonly details?: AuditJson | undefined;
}

/**
 * The `EXECUTE` entry to append when a run is allowed: actor = `principal`, subject = the
 * document's id and digest ({@link mamlSubject}). This is what the execution gate returns
 * when it is given an audit head.
 *
 * @throws {AuditError} as {@link createAuditEntry}, and `ERR_AUDIT_SUBJECT` for a document
 * without an `id`.
 * @example
 * ```ts
 * import { auditHead, executionAuditEntry } from 'mamlkit/audit';
 * const entry = executionAuditEntry(head, { document, principal: 'gateway://prod', at: new Date() }, serverKey);
 * entries.push(entry);
 * head = auditHead([entry]);
 * ```
 */
export function executionAuditEntry(
  previous: AuditHead | null,
  input: ExecutionAuditInput,
  secretKey: SigningSecretKey,
  options: CreateAuditEntryOptions = {},
): AuditEntry {
  const entry = {
    actor: input.principal,
    action: 'EXECUTE',
    subject: mamlSubject(input.document),
    at: input.at,
    ...(input.details === undefined ? {} : { details: input.details }),
  };
  return createAuditEntry(previous, entry, secretKey, options);
}
