import type { SourcePosition, SourceRange } from './types.js';

/** Offsets where each line starts; `\n`, `\r\n` and a lone `\r` end a line. */
export function buildLineStarts(source: string): number[] {
  const starts = [0];
  if (source.indexOf('\r') === -1) {
    let at = source.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = source.indexOf('\n', at + 1);
    }
    return starts;
  }
  const length = source.length;
  for (let i = 0; i < length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * The line and column (both from 1) of an offset, by binary search over line starts.
 *
 * @example
 * ```ts
 * import { parseMaml, positionAt } from 'mamlkit/maml';
 * const doc = parseMaml('---\nid: x\n---\n');
 * positionAt(doc, 4); // { offset: 4, line: 2, column: 1 }
 * ```
 */
export function positionAt(
  document: { readonly lineStarts: readonly number[] },
  offset: number,
): SourcePosition {
  const starts = document.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { offset, line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

/** The range between two offsets. */
export function rangeAt(
  document: { readonly lineStarts: readonly number[] },
  start: number,
  end: number,
): SourceRange {
  return { start: positionAt(document, start), end: positionAt(document, end) };
}
