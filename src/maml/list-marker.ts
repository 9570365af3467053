import { advanceNextNonspace, advanceOffset, codeAt, isSpaceOrTab, type LineCursor } from './line-cursor.js';

const PLUS = 43;
const DASH = 45;
const STAR = 42;
const DOT = 46;
const PAREN = 41;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Length of the list marker at `p` (`-`, `+`, `*`, `1.`, `1)`), 0 when there is none. */
function markerLength(cursor: LineCursor, p: number, inParagraph: boolean): number {
  const c = codeAt(cursor, p);
  if (c === DASH || c === PLUS || c === STAR) return 1;
  let q = p;
  let value = 0;
  while (q - p < 9 && isDigit(codeAt(cursor, q))) value = value * 10 + codeAt(cursor, q++) - 48;
  if (q === p) return 0;
  const delimiter = codeAt(cursor, q);
  if (delimiter !== DOT && delimiter !== PAREN) return 0;
  // Only a list that starts at 1 may interrupt a paragraph.
  return inParagraph && value !== 1 ? 0 : q + 1 - p;
}

/**
 * CommonMark §5.2: when the cursor (after `findNextNonspace`) is at a list marker that may
 * start a list item here, moves past the marker and the spaces after it and returns the
 * item's content indentation in columns; else returns -1 and leaves the cursor alone.
 */
export function startListItem(cursor: LineCursor, inParagraph: boolean): number {
  if (cursor.indent >= 4) return -1;
  const p = cursor.nextNonspace;
  const length = markerLength(cursor, p, inParagraph);
  if (length === 0) return -1;
  const after = codeAt(cursor, p + length);
  if (after !== -1 && !isSpaceOrTab(after)) return -1;
  if (inParagraph) {
    let q = p + length;
    while (isSpaceOrTab(codeAt(cursor, q))) q++;
    if (q >= cursor.end) return -1;
  }
  const markerOffset = cursor.indent;
  advanceNextNonspace(cursor);
  advanceOffset(cursor, length, true);
  const spacesColumn = cursor.column;
  const spacesOffset = cursor.offset;
  do advanceOffset(cursor, 1, true);
  while (cursor.column - spacesColumn < 5 && isSpaceOrTab(codeAt(cursor, cursor.offset)));
  const blankItem = cursor.offset >= cursor.end;
  const spaces = cursor.column - spacesColumn;
  if (spaces >= 5 || spaces < 1 || blankItem) {
    cursor.column = spacesColumn;
    cursor.offset = spacesOffset;
    if (isSpaceOrTab(codeAt(cursor, cursor.offset))) advanceOffset(cursor, 1, true);
    return markerOffset + length + 1;
  }
  return markerOffset + length + spaces;
}
