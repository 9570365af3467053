/**
 * A position in one line of Markdown, in characters and in columns (tabs advance to the next
 * multiple of four), as CommonMark's block parser tracks it while it strips container markers.
 */
export interface LineCursor {
  /** The whole document; the line is `source.slice(start, end)`. */
  source: string;
  start: number;
  /** End of the line's content (its line ending excluded). */
  end: number;
  offset: number;
  column: number;
  /** A tab at `offset` is partly consumed: some of its columns belong to the indentation before. */
  partialTab: boolean;
  /** Offset and column of the next character that is not a space or tab. */
  nextNonspace: number;
  nextNonspaceColumn: number;
  /** Columns from `column` to `nextNonspaceColumn`. */
  indent: number;
  /** Only spaces and tabs are left on the line. */
  blank: boolean;
}

const SPACE = 32;
const TAB = 9;

/** A cursor at the start of no line; {@link startLine} places it. */
export function createCursor(source: string): LineCursor {
  return {
    source,
    start: 0,
    end: 0,
    offset: 0,
    column: 0,
    partialTab: false,
    nextNonspace: 0,
    nextNonspaceColumn: 0,
    indent: 0,
    blank: false,
  };
}

/** Places the cursor at the start of the line `[start, end)`. */
export function startLine(cursor: LineCursor, start: number, end: number): void {
  cursor.start = start;
  cursor.end = end;
  cursor.offset = start;
  cursor.column = 0;
  cursor.partialTab = false;
}

/** Whether `code` is a space or a tab. */
export function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** The character code at `offset` on the cursor's line, -1 past its end. */
export function codeAt(cursor: LineCursor, offset: number): number {
  return offset < cursor.end ? cursor.source.charCodeAt(offset) : -1;
}

/** Finds the next character that is not a space or tab, and the indentation up to it. */
export function findNextNonspace(cursor: LineCursor): void {
  const { source, end } = cursor;
  let i = cursor.offset;
  let column = cursor.column;
  while (i < end) {
    const c = source.charCodeAt(i);
    if (c === SPACE) column++;
    else if (c === TAB) column += 4 - (column % 4);
    else break;
    i++;
  }
  cursor.blank = i === end;
  cursor.nextNonspace = i;
  cursor.nextNonspaceColumn = column;
  cursor.indent = column - cursor.column;
}

/** Moves the cursor to the next character that is not a space or tab. */
export function advanceNextNonspace(cursor: LineCursor): void {
  cursor.offset = cursor.nextNonspace;
  cursor.column = cursor.nextNonspaceColumn;
  cursor.partialTab = false;
}

/**
 * Advances by `count` characters, or by `count` columns when `columns` is set (a tab may then
 * be consumed only in part).
 */
export function advanceOffset(cursor: LineCursor, count: number, columns: boolean): void {
  const { source, end } = cursor;
  let left = count;
  while (left > 0 && cursor.offset < end) {
    if (source.charCodeAt(cursor.offset) === TAB) {
      const toTab = 4 - (cursor.column % 4);
      if (columns) {
        cursor.partialTab = toTab > left;
        const step = toTab > left ? left : toTab;
        cursor.column += step;
        if (!cursor.partialTab) cursor.offset++;
        left -= step;
      } else {
        cursor.partialTab = false;
        cursor.column += toTab;
        cursor.offset++;
        left--;
      }
    } else {
      cursor.partialTab = false;
      cursor.offset++;
      cursor.column++;
      left--;
    }
  }
}
