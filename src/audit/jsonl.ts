import { auditCanonicalJson } from './canonical-json.js';
import { decodeEntry } from './decode.js';
import { AuditError } from './errors.js';
import { checkEntryCount } from './head.js';
import { parseStrictJson } from './strict-json.js';
import { MAX_AUDIT_DETAILS_DEPTH, MAX_AUDIT_ENTRIES, MAX_AUDIT_LINE_CHARS } from './limits.js';
import type { AuditEntry } from './types.js';

/** Re-throws a problem with one entry as an error naming its line (1-based). */
function atLine(error: unknown, line: number): AuditError {
  if (!(error instanceof AuditError)) throw error;
  return new AuditError(error.code, `line ${line}: ${error.message}`, { line, cause: error });
}

/**
 * Writes a log as JSON Lines: one entry per line as canonical JSON (RFC 8785, the same rules
 * as the hashed form), each line ending in `\n`. Every entry is checked first.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` (with `line`) for an entry that does not follow
 * the format, `ERR_LIMIT_EXCEEDED` above {@link MAX_AUDIT_ENTRIES} entries.
 * @example
 * ```ts
 * import { serializeAuditLog } from 'mamlkit/audit';
 * await writeFile('audit.jsonl', serializeAuditLog(entries));
 * ```
 */
export function serializeAuditLog(entries: readonly AuditEntry[]): string {
  const lines = checkEntryCount(entries).map((value, i) => {
    try {
      return formatAuditLine(value as AuditEntry);
    } catch (error) {
      throw atLine(error, i + 1);
    }
  });
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * One entry as its JSON Lines line, without the line break: what a store keeps (a file line, a
 * Redis list element). The entry is checked first.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` or `ERR_LIMIT_EXCEEDED` for an entry that does
 * not follow the format.
 * @example
 * ```ts
 * import { formatAuditLine, parseAuditLine } from 'mamlkit/audit';
 * const line = formatAuditLine(entry);
 * parseAuditLine(line); // the same entry
 * ```
 */
export function formatAuditLine(entry: AuditEntry): string {
  return auditCanonicalJson(decodeEntry(entry).entry, 'entry', {
    maxChars: MAX_AUDIT_LINE_CHARS,
    maxDepth: MAX_AUDIT_DETAILS_DEPTH + 1,
  });
}

/**
 * Reads a JSON Lines log (LF or CRLF line endings; the last line break is optional). Every
 * line must be one entry in the format of docs/spec/audit.md: a blank line, a line that is not
 * strict JSON (a duplicate member name at any depth or a lone surrogate is an error, since other
 * readers would see other values) or an entry that does not follow the format is an error
 * naming its line, so nothing after a bad line is ever dropped silently. Parsing does not verify: call
 * {@link verifyAuditLog}.
 *
 * @throws {AuditError} with `line`: `ERR_AUDIT_LOG_SYNTAX`, `ERR_AUDIT_ENTRY_FORMAT`, or
 * `ERR_LIMIT_EXCEEDED` for a line over {@link MAX_AUDIT_LINE_CHARS} characters or more than
 * {@link MAX_AUDIT_ENTRIES} lines; `ERR_INVALID_ARGUMENT` when `text` is not a string.
 * @example
 * ```ts
 * import { parseAuditLog, verifyAuditLog } from 'mamlkit/audit';
 * const entries = parseAuditLog(await readFile('audit.jsonl', 'utf8'));
 * ```
 */
export function parseAuditLog(text: string): AuditEntry[] {
  if (typeof text !== 'string') throw new AuditError('ERR_INVALID_ARGUMENT', 'an audit log is text');
  if (text === '') return [];
  const body = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  const entries: AuditEntry[] = [];
  let start = 0;
  for (let line = 1; start <= body.length; line++) {
    if (line > MAX_AUDIT_ENTRIES) {
      throw new AuditError(
        'ERR_LIMIT_EXCEEDED',
        `line ${line}: a log holds at most ${MAX_AUDIT_ENTRIES} entries`,
        {
          line,
        },
      );
    }
    const newline = body.indexOf('\n', start);
    const end = newline === -1 ? body.length : newline;
    const raw = body.slice(start, body[end - 1] === '\r' ? end - 1 : end);
    if (raw.length > MAX_AUDIT_LINE_CHARS) {
      throw new AuditError(
        'ERR_LIMIT_EXCEEDED',
        `line ${line} is longer than ${MAX_AUDIT_LINE_CHARS} characters`,
        {
          line,
        },
      );
    }
    entries.push(parseLine(raw, line));
    start = end + 1;
  }
  return entries;
}

function parseLine(raw: string, line: number): AuditEntry {
  try {
    return parseAuditLine(raw);
  } catch (error) {
    throw atLine(error, line);
  }
}

/**
 * Reads one stored line (without its line break) as an entry, with the rules of
 * {@link parseAuditLog}: strict JSON, the entry format, the line limit. Does not verify.
 *
 * @throws {AuditError} `ERR_AUDIT_LOG_SYNTAX`, `ERR_AUDIT_ENTRY_FORMAT` or `ERR_LIMIT_EXCEEDED`.
 * @example
 * ```ts
 * import { parseAuditLine } from 'mamlkit/audit';
 * const { seq, hash } = parseAuditLine(lastLine); // the head a store holds
 * ```
 */
export function parseAuditLine(text: string): AuditEntry {
  if (typeof text !== 'string') throw new AuditError('ERR_INVALID_ARGUMENT', 'an audit line is text');
  if (text.length > MAX_AUDIT_LINE_CHARS) {
    throw new AuditError('ERR_LIMIT_EXCEEDED', `a line is longer than ${MAX_AUDIT_LINE_CHARS} characters`);
  }
  if (text.trim() === '') throw new AuditError('ERR_AUDIT_LOG_SYNTAX', 'a line is blank');
  return decodeEntry(parseStrictJson(text)).entry;
}
