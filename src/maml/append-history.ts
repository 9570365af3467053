import { spliceMaml } from './edit.js';
import { MamlError } from './errors.js';
import type { MamlDocument, MamlSection } from './types.js';

/** A History entry to append. `at` is a `Date` or an ISO 8601 timestamp string. */
export interface MamlHistoryInput {
  readonly at: Date | string;
  readonly verb: string;
  readonly text: string;
}

const VERB = /^[A-Z][\dA-Z_-]*$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

function timestamp(at: Date | string): string {
  if (at instanceof Date) {
    if (Number.isNaN(at.getTime()))
      throw new MamlError('ERR_INVALID_ARGUMENT', 'History time is an invalid Date');
    return at.toISOString().replace('.000Z', 'Z');
  }
  if (typeof at !== 'string' || !TIMESTAMP.test(at)) {
    throw new MamlError(
      'ERR_INVALID_ARGUMENT',
      'History time must be a Date or an ISO 8601 timestamp with a time zone',
    );
  }
  return at;
}

/**
 * Formats a History line in the canonical style: `- 2025-08-29T20:35:00Z: [CREATE] text`.
 *
 * @example
 * ```ts
 * import { formatHistoryLine } from 'mamlkit/maml';
 * formatHistoryLine({ at: new Date(0), verb: 'CREATE', text: 'made' }); // '- 1970-01-01T00:00:00Z: [CREATE] made'
 * ```
 */
export function formatHistoryLine(entry: MamlHistoryInput): string {
  if (typeof entry.verb !== 'string' || !VERB.test(entry.verb)) {
    throw new MamlError(
      'ERR_INVALID_ARGUMENT',
      'a History verb is capital letters, digits, "_" or "-", such as EXECUTE',
    );
  }
  if (typeof entry.text !== 'string' || LINE_BREAK.test(entry.text)) {
    throw new MamlError('ERR_INVALID_ARGUMENT', 'History text must be a single line');
  }
  return `- ${timestamp(entry.at)}: [${entry.verb}] ${entry.text.trim()}`.trimEnd();
}

/**
 * Appends a History line and returns the new document. The line goes after the last entry
 * of the last `History` section (or right under its heading); when there is no such
 * section, a `## History` section is created at the end of the document, before a final
 * `## Signatures` section if there is one. Nothing else changes.
 *
 * @throws {MamlError} `ERR_INVALID_ARGUMENT` for a bad verb, time or multi-line text.
 * @example
 * ```ts
 * import { appendHistory, parseMaml } from 'mamlkit/maml';
 * const next = appendHistory(parseMaml(text), { at: new Date(), verb: 'EXECUTE', text: 'run by gateway://prod' });
 * next.history.at(-1)?.verb; // 'EXECUTE'
 * ```
 */
export function appendHistory(document: MamlDocument, entry: MamlHistoryInput): MamlDocument {
  const line = formatHistoryLine(entry);
  const eol = document.lineEnding;
  const { source, sections } = document;
  let section: MamlSection | undefined;
  for (const s of sections) if (s.name === 'history') section = s;
  if (section !== undefined) {
    const end = section.range.end.offset;
    const begin = section.range.start.offset;
    const last = document.history
      .filter((h) => h.range.start.offset < end && h.range.start.offset >= begin)
      .pop();
    if (last !== undefined)
      return spliceMaml(document, last.range.end.offset, last.range.end.offset, `${eol}${line}`);
    const at = section.headingRange.end.offset;
    const broken = at > 0 && source[at - 1] !== '\n' && source[at - 1] !== '\r';
    return spliceMaml(document, at, at, broken ? `${eol}${line}` : `${line}${eol}`);
  }
  const signatures = sections.find((s) => s.level === 2 && s.name === 'signatures');
  if (signatures !== undefined) {
    const at = signatures.range.start.offset;
    return spliceMaml(document, at, at, `## History${eol}${line}${eol}${eol}`);
  }
  if (source.length === document.bodyOffset)
    return spliceMaml(document, source.length, source.length, `## History${eol}${line}${eol}`);
  const ends = source.endsWith('\n') || source.endsWith('\r');
  return spliceMaml(
    document,
    source.length,
    source.length,
    `${ends ? '' : eol}${eol}## History${eol}${line}${eol}`,
  );
}
