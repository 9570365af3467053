import { appendHistory, type MamlDocument, type MamlHistoryEntry } from '../maml/index.js';
import { auditSubject } from './create.js';
import { decodeEntry } from './decode.js';
import { AuditError } from './errors.js';
import { checkEntryCount } from './head.js';
import type { AuditEntry, AuditSubject } from './types.js';

/** The audit reference at the end of a History line's text: `(audit sha256:<64 hex>)`. */
const REFERENCE = /\(audit (sha256:[\da-f]{64})\)$/;

/** The front matter `id` of a document, if it is a non-empty string. */
function documentId(document: MamlDocument): string | undefined {
  const id = document.frontMatter?.data?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * The subject of an entry about a MAML document: its front matter `id` and the SHA-256 of
 * its source as UTF-8 (the file's bytes when it was read as UTF-8).
 *
 * @throws {AuditError} `ERR_AUDIT_SUBJECT` when the document has no string `id`.
 * @example
 * ```ts
 * import { mamlSubject } from 'mamlkit/audit';
 * import { parseMaml } from 'mamlkit/maml';
 * mamlSubject(parseMaml(text)); // { id: 'urn:uuid:…', digest: 'sha256:…' }
 * ```
 */
export function mamlSubject(document: MamlDocument): AuditSubject {
  const id = documentId(document);
  if (id === undefined) {
    throw new AuditError(
      'ERR_AUDIT_SUBJECT',
      'the document has no string "id" in its front matter to name it by',
    );
  }
  return auditSubject(id, document.source);
}

/**
 * Appends the History line for an entry (docs/spec/audit.md, "History lines"):
 * `- <at>: [<action>] by <actor> (audit <hash>)`, and returns the new document; nothing else
 * changes. Appending changes the document's bytes, so later entries carry a new digest, and an
 * embedded signature must be renewed.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` for something that is not an entry,
 * `ERR_AUDIT_SUBJECT` when the entry is about another document id.
 * @example
 * ```ts
 * import { recordInHistory } from 'mamlkit/audit';
 * import { parseMaml, serializeMaml } from 'mamlkit/maml';
 * const updated = serializeMaml(recordInHistory(parseMaml(text), entry));
 * // …\n- 2026-11-21T10:00:00.000Z: [EXECUTE] by gateway://prod (audit sha256:9f2c…)
 * ```
 */
export function recordInHistory(document: MamlDocument, entry: AuditEntry): MamlDocument {
  const checked = decodeEntry(entry).entry;
  const id = documentId(document);
  if (id !== undefined && id !== checked.subject.id) {
    throw new AuditError(
      'ERR_AUDIT_SUBJECT',
      `the entry is about ${checked.subject.id}, not this document (${id})`,
    );
  }
  return appendHistory(document, {
    at: checked.at,
    verb: checked.action,
    text: `by ${checked.actor} (audit ${checked.hash})`,
  });
}

/** The result of {@link checkHistoryAgainstLog}. */
export interface HistoryLogComparison {
  /** True when all three lists are empty. */
  readonly consistent: boolean;
  /** History lines whose audit reference names no entry of the log. */
  readonly linesWithoutEntry: readonly MamlHistoryEntry[];
  /** Entries about this document (same `subject.id`) that no History line references. */
  readonly entriesWithoutLine: readonly AuditEntry[];
  /** History lines whose time or verb differ from the entry they reference. */
  readonly mismatchedLines: readonly MamlHistoryEntry[];
}

/**
 * Compares a document's `## History` with an audit log: History lines that reference an
 * entry the log does not hold, log entries about the document (same `subject.id`; every entry
 * when the document has no `id`) that History does not reference, and lines whose time or verb
 * disagree with their entry. History lines without an audit reference are ignored. It does not
 * verify the log: call {@link verifyAuditLog} first.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` for an element that is not an entry,
 * `ERR_LIMIT_EXCEEDED` above {@link MAX_AUDIT_ENTRIES} entries.
 * @example
 * ```ts
 * import { checkHistoryAgainstLog } from 'mamlkit/audit';
 * const report = checkHistoryAgainstLog(parseMaml(text), entries);
 * for (const line of report.linesWithoutEntry) console.warn(`line ${line.range.start.line}: not in the log`);
 * ```
 */
export function checkHistoryAgainstLog(
  document: MamlDocument,
  entries: readonly AuditEntry[],
): HistoryLogComparison {
  const byHash = new Map<string, AuditEntry>();
  for (const value of checkEntryCount(entries)) {
    const entry = decodeEntry(value).entry;
    byHash.set(entry.hash, entry);
  }
  const referenced = new Set<string>();
  const linesWithoutEntry: MamlHistoryEntry[] = [];
  const mismatchedLines: MamlHistoryEntry[] = [];
  for (const line of document.history) {
    const hash = REFERENCE.exec(line.text)?.[1];
    if (hash === undefined) continue;
    const entry = byHash.get(hash);
    if (entry === undefined) {
      linesWithoutEntry.push(line);
      continue;
    }
    referenced.add(hash);
    if (entry.at !== line.at || entry.action !== line.verb) mismatchedLines.push(line);
  }
  const id = documentId(document);
  const entriesWithoutLine = [...byHash.values()].filter(
    (entry) => !referenced.has(entry.hash) && (id === undefined || entry.subject.id === id),
  );
  return {
    consistent: linesWithoutEntry.length + entriesWithoutLine.length + mismatchedLines.length === 0,
    linesWithoutEntry,
    entriesWithoutLine,
    mismatchedLines,
  };
}
