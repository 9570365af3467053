import { lineContentEnd } from './markdown.js';
import { positionAt } from './positions.js';
import type { MamlDiagnostic, MamlHistoryEntry, MamlSection } from './types.js';

const TIME = String.raw`\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const LIST_ENTRY = new RegExp(String.raw`^ {0,3}[-*+][ \t]+(${TIME}):[ \t]*\[([A-Z][A-Z0-9_-]*)\]`);
const BRACKET_ENTRY = new RegExp(String.raw`^ {0,3}\[(${TIME})\][ \t]*\[([A-Z][A-Z0-9_-]*)\]`);
const LOOKS_LIKE_ENTRY = /^ {0,3}(?:[-*+][ \t]+\[?|\[)\d{4}-\d{2}-\d{2}/;

/**
 * Reads the entries of every `History` section (`- TIME: [VERB] text` or
 * `[TIME] [VERB] text`, one per line). Lines that start like an entry but do not follow
 * the grammar are reported.
 */
export function readHistory(
  source: string,
  starts: readonly number[],
  sections: readonly MamlSection[],
): { history: MamlHistoryEntry[]; diagnostics: MamlDiagnostic[] } {
  const history: MamlHistoryEntry[] = [];
  const diagnostics: MamlDiagnostic[] = [];
  const locate = { lineStarts: starts };
  for (const section of sections) {
    if (section.name === 'history') readSection(source, starts, section, locate, history, diagnostics);
  }
  return { history, diagnostics };
}

function readSection(
  source: string,
  starts: readonly number[],
  section: MamlSection,
  locate: { readonly lineStarts: readonly number[] },
  history: MamlHistoryEntry[],
  diagnostics: MamlDiagnostic[],
): void {
  const first = section.headingRange.end.line - 1;
  const endOffset = section.range.end.offset;
  for (let i = first; i < starts.length && (starts[i] ?? Infinity) < endOffset; i++) {
    const s = starts[i] ?? 0;
    const e = Math.min(lineContentEnd(source, starts, i), endOffset);
    const line = source.slice(s, e);
    const list = LIST_ENTRY.exec(line);
    const match = list ?? BRACKET_ENTRY.exec(line);
    const range = { start: { offset: s, line: i + 1, column: 1 }, end: positionAt(locate, e) };
    if (match !== null) {
      history.push({
        at: match[1] ?? '',
        verb: match[2] ?? '',
        text: line.slice(match[0].length).trim(),
        style: list === null ? 'bracket' : 'list',
        range,
      });
    } else if (LOOKS_LIKE_ENTRY.test(line)) {
      diagnostics.push({
        code: 'MAML_MALFORMED_HISTORY',
        severity: 'warning',
        message: 'History line does not follow "- TIME: [VERB] text"',
        range,
        hint: 'write entries as "- 2025-08-29T20:35:00Z: [CREATE] text" with the verb in capitals between brackets',
      });
    }
  }
}
