import { MamlError } from './errors.js';
import { HTML_BLOCK_KINDS, htmlBlockEnds, htmlBlockStart } from './html-blocks.js';
import {
  advanceNextNonspace,
  advanceOffset,
  codeAt,
  createCursor,
  findNextNonspace,
  isSpaceOrTab,
  startLine,
  type LineCursor,
} from './line-cursor.js';
import { invisibleText } from './invisible-characters.js';
import { isOnlyLinkReferences } from './link-reference.js';
import { startListItem } from './list-marker.js';
import { positionAt } from './positions.js';
import type { MamlLimits } from './options.js';
import type { MamlCodeBlock, MamlDiagnostic, MamlSection, SourcePosition, SourceRange } from './types.js';

/** What the Markdown scan found in the body. */
export interface MarkdownScan {
  readonly sections: MamlSection[];
  readonly codeBlocks: MamlCodeBlock[];
  readonly diagnostics: MamlDiagnostic[];
  /** First `---` line outside code blocks, and whether the line after it looks like a YAML key. */
  readonly rule: { readonly offset: number; readonly yamlLike: boolean } | undefined;
}

interface OpenFence {
  readonly char: number;
  readonly length: number;
  readonly indent: number;
  readonly line: number;
  readonly info: string;
  readonly section: number | undefined;
  nested: number;
}

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const BACKTICK = 96;
const TILDE = 126;
const DASH = 45;
const STAR = 42;
const PLUS = 43;
const UNDERSCORE = 95;
const EQUALS = 61;
const LESS = 60;
const GREATER = 62;
const OPEN_BRACKET = 91;

const BARE_SECTION_NAMES = new Set([
  'Intent',
  'Context',
  'Content',
  'Code_Blocks',
  'Code Blocks',
  'Input_Schema',
  'Output_Schema',
  'History',
]);

/** First characters of the {@link BARE_SECTION_NAMES} (and a tab, which trimming removes): other lines skip the lookup. */
const BARE_SECTION_INITIALS = new Set([TAB, ...[...BARE_SECTION_NAMES].map((n) => n.charCodeAt(0))]);

const YAML_KEY_LINE = /^[a-z_][\w-]*:(?:[ \t]|$)/i;

/**
 * Normalises a heading to a section name: lower case, runs of spaces, tabs, `-` and `_`
 * folded to one `_`, leading and trailing `_` removed. `Code Blocks` and `Code_Blocks`
 * both become `code_blocks`.
 *
 * @example
 * ```ts
 * import { normalizeSectionName } from 'mamlkit/maml';
 * normalizeSectionName('Code Blocks'); // 'code_blocks'
 * ```
 */
export function normalizeSectionName(heading: string): string {
  let name = '';
  let word = -1;
  let upper = false;
  for (let i = 0; i < heading.length; i++) {
    const c = heading.charCodeAt(i);
    if (c >= 128)
      return heading
        .toLowerCase()
        .replace(/[\s_-]+/g, '_')
        .replace(/^_|_$/g, '');
    if (c === SPACE || c === 95 || c === DASH || (c >= TAB && c <= 13)) {
      if (word !== -1) name = joinWord(name, heading.slice(word, i));
      word = -1;
      continue;
    }
    if (c >= 65 && c <= 90) upper = true;
    if (word === -1) word = i;
  }
  if (word !== -1) name = word === 0 ? heading : joinWord(name, heading.slice(word));
  return upper ? name.toLowerCase() : name;
}

function joinWord(name: string, word: string): string {
  return name === '' ? word : `${name}_${word}`;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** End of line `i`'s content (its line ending excluded). */
export function lineContentEnd(source: string, starts: readonly number[], i: number): number {
  const next = starts[i + 1];
  if (next === undefined) return source.length;
  let end = next - 1;
  if (source.charCodeAt(end) === 10 && source.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** Offset just past the run of `char` starting at `p`. */
function runEnd(source: string, p: number, end: number, char: number): number {
  let q = p;
  while (q < end && source.charCodeAt(q) === char) q++;
  return q;
}

/** Offset just past the spaces and tabs starting at `p`. */
function blanksEnd(source: string, p: number, end: number): number {
  let q = p;
  while (q < end && isBlank(source.charCodeAt(q))) q++;
  return q;
}

function trimmed(source: string, start: number, end: number): string {
  const s = blanksEnd(source, start, end);
  let e = end;
  while (e > s && isBlank(source.charCodeAt(e - 1))) e--;
  return source.slice(s, e);
}

/** Text of an ATX heading whose marker ends at `q`; undefined when the line is not one. */
function atxHeadingText(source: string, q: number, end: number): string | undefined {
  if (q < end && !isBlank(source.charCodeAt(q))) return undefined;
  const s = blanksEnd(source, q, end);
  let e = end;
  while (e > s && isBlank(source.charCodeAt(e - 1))) e--;
  let r = e;
  while (r > s && source.charCodeAt(r - 1) === HASH) r--;
  if (r < e) {
    if (r === s) e = s;
    else if (isBlank(source.charCodeAt(r - 1))) {
      e = r;
      while (e > s && isBlank(source.charCodeAt(e - 1))) e--;
    }
  }
  return source.slice(s, e);
}

/** Whether a backtick occurs between `p` and `end`. */
function hasBacktick(source: string, p: number, end: number): boolean {
  for (let q = p; q < end; q++) if (source.charCodeAt(q) === BACKTICK) return true;
  return false;
}

const FENCES = ['```', '~~~'];

function fenceText(char: number, length: number): string {
  return length === 3 ? (FENCES[char === BACKTICK ? 0 : 1] ?? '') : String.fromCharCode(char).repeat(length);
}

/**
 * A backslash escape (CommonMark §2.4: `\` before ASCII punctuation) or an entity or numeric
 * character reference (§2.5), which CommonMark decodes in info strings and headings.
 */
const ESCAPE_OR_REFERENCE =
  /\\[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]|&(?:#\d{1,7};|#x[\da-f]{1,6};|[a-z][\da-z]{0,31};)/i;

/** The info string's first word. */
function languageOf(info: string): string {
  for (let i = 0; i < info.length; i++) if (isBlank(info.charCodeAt(i))) return info.slice(0, i);
  return info;
}

function codeOf(
  source: string,
  starts: readonly number[],
  first: number,
  last: number,
  indent: number,
  plain: boolean,
): string {
  if (first > last) return '';
  const from = starts[first] ?? source.length;
  const to = lineContentEnd(source, starts, last);
  if (indent === 0 && plain)
    return to < source.length ? source.slice(from, to + 1) : source.slice(from, to) + '\n';
  const raw = source.slice(from, to);
  if (indent === 0 && raw.indexOf('\r') === -1) return raw + '\n';
  const lines: string[] = [];
  for (let i = first; i <= last; i++) {
    const s = starts[i] ?? source.length;
    const e = lineContentEnd(source, starts, i);
    lines.push(dedent(source, s, e, indent));
  }
  return lines.join('\n') + '\n';
}

/**
 * The line `[start, end)` without its first `columns` columns of spaces and tabs; a tab that
 * straddles the boundary leaves the spaces of its remaining columns (CommonMark §2.2).
 */
function dedent(source: string, start: number, end: number, columns: number): string {
  let p = start;
  let column = 0;
  while (p < end && column < columns) {
    const c = source.charCodeAt(p);
    if (c === SPACE) column++;
    else if (c === TAB) {
      const stop = column + 4 - (column % 4);
      if (stop > columns) return ' '.repeat(stop - columns) + source.slice(p + 1, end);
      column = stop;
    } else break;
    p++;
  }
  return source.slice(p, end);
}

function linePosition(source: string, starts: readonly number[], line: number): SourcePosition {
  const offset = starts[line];
  return offset === undefined ? endPosition(source, starts) : { offset, line: line + 1, column: 1 };
}

function endPosition(source: string, starts: readonly number[]): SourcePosition {
  return positionAt({ lineStarts: starts }, source.length);
}

/** The last line index that holds content (a final line ending does not open an empty line). */
function lastLine(source: string, starts: readonly number[]): number {
  const last = starts.length - 1;
  return last > 0 && (starts[last] ?? 0) === source.length ? last - 1 : last;
}

/** Headings found by the scan, in parallel arrays (no object per heading). */
interface Headings {
  readonly levels: number[];
  readonly texts: string[];
  readonly lines: number[];
}

/** Kinds of open blocks (CommonMark §3.1; lists need no block of their own here). */
const QUOTE = 1;
const ITEM = 2;
const FENCE = 3;
const INDENTED = 4;
const HTML = 5;
const PARAGRAPH = 6;

/** An open block below the document: a container, or the leaf that takes the next lines. */
interface OpenBlock {
  readonly kind: number;
  /** ITEM: the content indentation in columns. HTML: the block's type, 1 to 7. */
  readonly width: number;
  /** FENCE: the fence. */
  readonly fence: OpenFence | undefined;
  /** Line where the block opened. */
  readonly line: number;
  /** ITEM: whether a block was ever added to the item. HTML: whether hidden content was reported. */
  flag: boolean;
  /**
   * PARAGRAPH that starts with `[`: start and end offsets of its lines' text, which may be
   * link reference definitions (then an underline is not a setext heading).
   */
  readonly lines: number[] | undefined;
}

/** A paragraph that does not start with `[`: one shared block, nothing in it changes. */
const PLAIN_PARAGRAPH: OpenBlock = {
  kind: PARAGRAPH,
  width: 0,
  fence: undefined,
  line: -1,
  flag: false,
  lines: undefined,
};

/** Whether a paragraph is only link reference definitions. */
function onlyLinkReferences(source: string, block: OpenBlock): boolean {
  const lines = block.lines;
  if (lines === undefined) return false;
  let content = '';
  for (let k = 0; k < lines.length; k += 2) content += `${source.slice(lines[k], lines[k + 1])}\n`;
  return isOnlyLinkReferences(content);
}

/** `#`, `` ` ``, `~`, `*`, `+`, `_`, `=`, `<`, `>`, `-` and digits: the first characters of a block start. */
function maybeSpecial(c: number): boolean {
  return (
    c === HASH ||
    c === BACKTICK ||
    c === TILDE ||
    c === STAR ||
    c === PLUS ||
    c === UNDERSCORE ||
    c === EQUALS ||
    c === LESS ||
    c === GREATER ||
    c === DASH ||
    (c >= 48 && c <= 57)
  );
}

/** Offset past the `#` run of an ATX heading marker at `p`, or -1. */
function atxMarkerEnd(source: string, p: number, end: number): number {
  const q = runEnd(source, p, end, HASH);
  if (q === p || q - p > 6) return -1;
  return q === end || isBlank(source.charCodeAt(q)) ? q : -1;
}

/** Offset past the fence run at `p` when the line opens a fenced code block, or -1. */
function fenceOpenEnd(source: string, p: number, end: number): number {
  const c = source.charCodeAt(p);
  if (c !== BACKTICK && c !== TILDE) return -1;
  const q = runEnd(source, p, end, c);
  if (q - p < 3 || (c === BACKTICK && hasBacktick(source, q, end))) return -1;
  return q;
}

/**
 * Where the line's tail of one thematic break character (`*`, `_` or `-`) and spaces and
 * tabs starts; past `end` when the line does not end with one. Computed once per line, it
 * keeps {@link isThematicBreak} linear on a line of many nested list markers.
 */
function thematicTail(source: string, start: number, end: number): number {
  let q = end;
  while (q > start && isBlank(source.charCodeAt(q - 1))) q--;
  const c = source.charCodeAt(q - 1);
  if (q === start || (c !== STAR && c !== UNDERSCORE && c !== DASH)) return end + 1;
  while (q > start && (source.charCodeAt(q - 1) === c || isBlank(source.charCodeAt(q - 1)))) q--;
  return q;
}

/**
 * Whether the line from `p` is a thematic break (§4.1): three or more `*`, `_` or `-`,
 * spaces and tabs between; `tail` is the line's {@link thematicTail}.
 */
function isThematicBreak(source: string, p: number, end: number, tail: number): boolean {
  if (p < tail || isBlank(source.charCodeAt(p))) return false;
  const c = source.charCodeAt(p);
  let count = 0;
  for (let q = p; q < end && count < 3; q++) if (source.charCodeAt(q) === c) count++;
  return count >= 3;
}

/** Whether the line from `p` is a setext heading underline (§4.3): a run of `=` or `-`, then spaces and tabs. */
function isSetextUnderline(source: string, p: number, end: number): boolean {
  const c = source.charCodeAt(p);
  if (c !== EQUALS && c !== DASH) return false;
  return blanksEnd(source, runEnd(source, p, end, c), end) === end;
}

/** Whether a line of an open fence closes it (§4.5), the cursor after `findNextNonspace`. */
function closesFence(cursor: LineCursor, fence: OpenFence): boolean {
  const { source, nextNonspace: p, end } = cursor;
  if (cursor.indent > 3 || codeAt(cursor, p) !== fence.char) return false;
  const q = runEnd(source, p, end, fence.char);
  return q - p >= fence.length && blanksEnd(source, q, end) === end;
}

/**
 * Scans the body (from line `firstLine`) for ATX headings and fenced code blocks, tracking
 * CommonMark 0.31.2's block structure: block quotes, list items, HTML blocks, indented code,
 * paragraphs and setext headings. Headings and fences at the top level are read as CommonMark
 * reads them; one inside a block quote or list item, and a line that would be one inside an
 * HTML block, is an error diagnostic and not read. One forward pass; a line allocates nothing
 * unless it opens a block, is a heading or a fence, or is a candidate diagnostic.
 */
export function scanMarkdown(
  source: string,
  starts: readonly number[],
  firstLine: number,
  limits: MamlLimits,
): MarkdownScan {
  const headings: Headings = { levels: [], texts: [], lines: [] };
  const codeBlocks: MamlCodeBlock[] = [];
  const diagnostics: MamlDiagnostic[] = [];
  let rule: MarkdownScan['rule'];
  const final = lastLine(source, starts);
  const plain = source.indexOf('\r') === -1;
  const stack: OpenBlock[] = [];
  const cursor = createCursor(source);
  const lineRange = (line: number, from: number): SourceRange => ({
    start: positionAt({ lineStarts: starts }, from),
    end: positionAt({ lineStarts: starts }, lineContentEnd(source, starts, line)),
  });

  const closeFence = (open: OpenFence, lastContent: number, endLine: number, closed: boolean): void => {
    if (codeBlocks.length >= limits.maxCodeBlocks) {
      throw new MamlError(
        'ERR_MAML_TOO_MANY_CODE_BLOCKS',
        `more than ${limits.maxCodeBlocks} fenced code blocks`,
      );
    }
    codeBlocks.push({
      language: languageOf(open.info),
      info: open.info,
      code: codeOf(source, starts, open.line + 1, lastContent, open.indent, plain),
      fence: fenceText(open.char, open.length),
      closed,
      section: open.section,
      range: {
        start: linePosition(source, starts, open.line),
        end: linePosition(source, starts, endLine + 1),
      },
      codeRange: {
        start: linePosition(source, starts, open.line + 1),
        end: closed ? linePosition(source, starts, endLine) : endPosition(source, starts),
      },
    });
  };

  const finish = (open: OpenFence, lastContent: number, endLine: number, closed: boolean): void => {
    closeFence(open, lastContent, endLine, closed);
    if (!closed) {
      diagnostics.push({
        code: 'MAML_UNCLOSED_FENCE',
        severity: 'warning',
        message: 'code fence is never closed: the code block runs to the end of the document',
        range: lineRange(open.line, starts[open.line] ?? 0),
        hint: `close the block with a line of ${fenceText(open.char, open.length)}`,
      });
    }
    if (open.nested !== -1) {
      const text = fenceText(open.char, open.length);
      diagnostics.push({
        code: 'MAML_NESTED_FENCE',
        severity: 'warning',
        message: `a ${text} fence with an info string inside a code block opened at line ${open.line + 1} cannot close or nest: the next bare fence closes the outer block`,
        range: lineRange(open.nested, starts[open.nested] ?? 0),
        hint: `make the outer fence longer than the inner ones: open and close it with ${text}${String.fromCharCode(open.char)}`,
      });
    }
  };

  /** A heading or fence that CommonMark places inside a block quote or list item. */
  const nested = (line: number, at: number, what: string): void => {
    let container = QUOTE;
    for (const block of stack) if (block.kind === QUOTE || block.kind === ITEM) container = block.kind;
    const where = container === QUOTE ? 'a block quote' : 'a list item';
    diagnostics.push({
      code: 'MAML_NESTED_BLOCK',
      severity: 'error',
      message: `${what} inside ${where} is not read: only top-level headings and fenced code blocks are`,
      range: lineRange(line, at),
      hint: `move it out of ${where}: start it at the beginning of a line (at most three spaces before it), after a blank line that ends the ${container === QUOTE ? 'quote' : 'list'}`,
    });
  };

  /**
   * Why a heading or info string does not read as written (mamlkit reads the raw text): a
   * backslash escape or character reference a renderer decodes, or an invisible character.
   */
  const unreadable = (text: string): string | undefined =>
    ESCAPE_OR_REFERENCE.test(text)
      ? 'a backslash escape or a character reference, which a renderer decodes'
      : invisibleText(text, 'tab allowed');

  /** An info string a renderer reads or shows as another language than the one mamlkit reads. */
  const unreadableInfo = (line: number, at: number, info: string, why: string): void => {
    diagnostics.push({
      code: 'MAML_INFO_ESCAPE',
      severity: 'error',
      message: `the info string ${JSON.stringify(info)} holds ${why}: a renderer shows another language than the one mamlkit reads`,
      range: lineRange(line, at),
      hint: 'write the language name as plain text: no "\\" escapes, "&…;" references, invisible characters or non-ASCII spaces',
    });
  };

  /** A line inside an HTML block that would be a heading or fence outside it. */
  const hidden = (block: OpenBlock, line: number, at: number, what: string): void => {
    block.flag = true;
    diagnostics.push({
      code: 'MAML_HIDDEN_CONTENT',
      severity: 'error',
      message: `line ${line + 1} would be ${what}, but it is inside ${HTML_BLOCK_KINDS[block.width] ?? 'an HTML block'} that starts at line ${block.line + 1}: a renderer shows it as raw HTML or not at all`,
      range: lineRange(line, at),
      hint:
        block.width <= 5
          ? 'end the HTML before this line, or remove it'
          : 'leave a blank line between the HTML and this line, or remove the HTML',
    });
  };

  /** Blocks matched by the current line, and whether every open block is one of them. */
  let matched = 0;
  let allClosed = true;
  // Never read stack[-1]: an out-of-bounds read takes V8's slow property path.
  const tip = (): OpenBlock | undefined => (stack.length > 0 ? stack[stack.length - 1] : undefined);
  const tipKind = (): number => (stack.length > 0 ? (stack[stack.length - 1] as OpenBlock).kind : 0);
  const closeUnmatched = (): void => {
    if (allClosed) return;
    while (stack.length > matched) stack.pop();
    allClosed = true;
  };

  /**
   * Before a block is added to the innermost open container (CommonMark's addChild): closes
   * the blocks the line did not continue and a paragraph the new block interrupts.
   */
  const addChild = (): void => {
    closeUnmatched();
    if (tipKind() === PARAGRAPH) stack.pop();
    const parent = tip();
    if (parent?.kind === ITEM) parent.flag = true;
  };

  const open = (kind: number, width: number, line: number, fence?: OpenFence): void => {
    addChild();
    if (kind === PARAGRAPH && codeAt(cursor, cursor.offset) !== OPEN_BRACKET) stack.push(PLAIN_PARAGRAPH);
    else {
      const lines = kind === PARAGRAPH ? [cursor.offset, cursor.end] : undefined;
      stack.push({ kind, width, fence, line, flag: false, lines });
    }
  };

  const heading = (line: number, p: number, q: number, e: number): void => {
    if (stack.length > 0) {
      nested(line, p, 'a heading');
      return;
    }
    const text = atxHeadingText(source, q, e) ?? '';
    const why = unreadable(text);
    if (why !== undefined) {
      diagnostics.push({
        code: 'MAML_HEADING_TEXT',
        severity: 'error',
        message: `the heading ${JSON.stringify(text)} holds ${why}: a reader sees another section name than the one mamlkit reads`,
        range: lineRange(line, p),
        hint: 'write the heading as plain text: no "\\" escapes, "&…;" references, invisible characters or non-ASCII spaces, in Unicode NFC',
      });
    }
    if (headings.lines.length >= limits.maxSections) {
      throw new MamlError('ERR_MAML_TOO_MANY_SECTIONS', `more than ${limits.maxSections} headings`);
    }
    headings.levels.push(q - p);
    headings.texts.push(text);
    headings.lines.push(line);
  };

  const missingMarker = (line: number, start: number, e: number): void => {
    if (e - start > 13 || !BARE_SECTION_INITIALS.has(source.charCodeAt(start))) return;
    const name = trimmed(source, start, e);
    if (!BARE_SECTION_NAMES.has(name)) return;
    diagnostics.push({
      code: 'MAML_MISSING_HEADING_MARKER',
      severity: 'warning',
      message: `line "${name}" looks like a section name without a heading marker`,
      range: lineRange(line, start),
      hint: `write it as a level-2 heading: "## ${name}"`,
    });
  };

  let s = starts[firstLine] ?? source.length;
  let previousBlank = false;
  lines: for (let i = firstLine; i <= final; i++) {
    const e = lineContentEnd(source, starts, i);
    const start = s;
    s = starts[i + 1] ?? source.length;
    // A blank line after a blank line changes nothing: every block still open took one.
    // Skipping it keeps blank lines under deeply nested list items linear.
    const blank = blanksEnd(source, start, e) === e;
    if (blank && previousBlank) continue;
    previousBlank = blank;
    startLine(cursor, start, e);
    let tail = -1;

    // Fast paths for the most common lines when no container is open: blank lines, text
    // that starts in column 1 with a character no block starts with, and lines of a
    // top-level fence that cannot close it (no fence character in the first four columns).
    const top = stack.length > 1 ? undefined : stack.length === 1 ? (stack[0] as OpenBlock) : null;
    if (top !== undefined) {
      const c = source.charCodeAt(start);
      if (top === null || top.kind === PARAGRAPH) {
        if (blank) {
          if (top !== null) stack.pop();
          continue;
        }
        if (c > SPACE && !maybeSpecial(c)) {
          missingMarker(i, start, e);
          if (top === null) open(PARAGRAPH, 0, i);
          else top.lines?.push(start, e);
          continue;
        }
      } else if (top.kind === FENCE) {
        if (blank || (c !== SPACE && c !== TAB && c !== top.fence?.char)) continue;
        if (c === SPACE && e - start > 4 && source.startsWith('    ', start)) continue;
      }
    }

    // Which open blocks does the line continue (§3.2)?
    for (matched = 0; matched < stack.length; matched++) {
      const block = stack[matched] as OpenBlock;
      findNextNonspace(cursor);
      const kind = block.kind;
      if (kind === QUOTE) {
        if (cursor.indent > 3 || codeAt(cursor, cursor.nextNonspace) !== GREATER) break;
        advanceNextNonspace(cursor);
        advanceOffset(cursor, 1, false);
        if (isSpaceOrTab(codeAt(cursor, cursor.offset))) advanceOffset(cursor, 1, true);
      } else if (kind === ITEM) {
        if (cursor.blank) {
          if (!block.flag) break;
          advanceNextNonspace(cursor);
        } else if (cursor.indent >= block.width) advanceOffset(cursor, block.width, true);
        else break;
      } else if (kind === FENCE) {
        const fence = block.fence as OpenFence;
        if (closesFence(cursor, fence)) {
          if (matched === 0) finish(fence, i - 1, i, true);
          stack.pop();
          continue lines;
        }
        for (let k = fence.indent; k > 0 && isSpaceOrTab(codeAt(cursor, cursor.offset)); k--) {
          advanceOffset(cursor, 1, true);
        }
      } else if (kind === INDENTED) {
        if (cursor.indent >= 4) advanceOffset(cursor, 4, true);
        else if (cursor.blank) advanceNextNonspace(cursor);
        else break;
      } else if (cursor.blank && (kind === PARAGRAPH || block.width >= 6)) break;
    }
    allClosed = matched === stack.length;
    let container = matched === 0 ? 0 : (stack[matched - 1] as OpenBlock).kind;

    // Leaf lines: code and HTML take the line as it is.
    if (container === FENCE) {
      const fence = (stack[matched - 1] as OpenBlock).fence as OpenFence;
      if (matched === 1 && fence.nested === -1 && cursor.indent <= 3) {
        const p = cursor.nextNonspace;
        if (fenceOpenEnd(source, p, e) !== -1 && codeAt(cursor, p) === fence.char) {
          const q = runEnd(source, p, e, fence.char);
          if (q - p >= fence.length && blanksEnd(source, q, e) !== e) fence.nested = i;
        }
      }
      continue;
    }
    if (container === INDENTED) continue;
    if (container === HTML) {
      const block = stack[matched - 1] as OpenBlock;
      const p = cursor.nextNonspace;
      if (!block.flag && cursor.indent <= 3) {
        if (atxMarkerEnd(source, p, e) !== -1) hidden(block, i, p, 'a heading');
        else if (fenceOpenEnd(source, p, e) !== -1) hidden(block, i, p, 'a code fence');
      }
      if (htmlBlockEnds(block.width, source.slice(cursor.offset, e))) stack.pop();
      continue;
    }

    // Block starts (§4, §5), tried in CommonMark's order.
    for (let first = true; ; first = false) {
      findNextNonspace(cursor);
      const p = cursor.nextNonspace;
      const c = codeAt(cursor, p);
      const indented = cursor.indent >= 4;
      if (!indented && !maybeSpecial(c)) break;
      if (!indented) {
        if (
          first &&
          c === DASH &&
          rule === undefined &&
          (matched === 0 || (matched === 1 && container === PARAGRAPH))
        ) {
          const q = runEnd(source, p, e, DASH);
          if (q - p >= 3 && blanksEnd(source, q, e) === e) {
            const following = i + 1 <= final ? source.slice(s, lineContentEnd(source, starts, i + 1)) : '';
            rule = { offset: start, yamlLike: YAML_KEY_LINE.test(following) };
          }
        }
        if (c === GREATER) {
          advanceNextNonspace(cursor);
          advanceOffset(cursor, 1, false);
          if (isSpaceOrTab(codeAt(cursor, cursor.offset))) advanceOffset(cursor, 1, true);
          open(QUOTE, 0, i);
          container = QUOTE;
          continue;
        }
        const q = c === HASH ? atxMarkerEnd(source, p, e) : -1;
        if (q !== -1) {
          addChild();
          heading(i, p, q, e);
          continue lines;
        }
        const f = fenceOpenEnd(source, p, e);
        if (f !== -1) {
          addChild();
          const top = stack.length === 0;
          const fence: OpenFence = {
            char: c,
            length: f - p,
            indent: cursor.indent,
            line: i,
            info: top ? trimmed(source, f, e) : '',
            section: headings.lines.length > 0 ? headings.lines.length - 1 : undefined,
            nested: -1,
          };
          if (!top) nested(i, p, 'a fenced code block');
          else {
            const why = fence.info === '' ? undefined : unreadable(fence.info);
            if (why !== undefined) unreadableInfo(i, f, fence.info, why);
          }
          open(FENCE, 0, i, fence);
          continue lines;
        }
        if (c === LESS) {
          const type = htmlBlockStart(
            source.slice(p, e),
            container === PARAGRAPH || (!allClosed && !cursor.blank && tipKind() === PARAGRAPH),
          );
          if (type !== 0) {
            open(HTML, type, i);
            if (htmlBlockEnds(type, source.slice(cursor.offset, e))) stack.pop();
            continue lines;
          }
        }
        if (
          container === PARAGRAPH &&
          isSetextUnderline(source, p, e) &&
          !onlyLinkReferences(source, stack[matched - 1] as OpenBlock)
        ) {
          closeUnmatched();
          stack.pop();
          continue lines;
        }
        if (tail === -1) tail = thematicTail(source, start, e);
        if (isThematicBreak(source, p, e, tail)) {
          addChild();
          continue lines;
        }
      }
      const width = startListItem(cursor, container === PARAGRAPH);
      if (width !== -1) {
        open(ITEM, width, i);
        container = ITEM;
        continue;
      }
      if (indented && tipKind() !== PARAGRAPH && !cursor.blank) {
        advanceOffset(cursor, 4, true);
        open(INDENTED, 0, i);
        continue lines;
      }
      break;
    }
    advanceNextNonspace(cursor);

    // The rest of the line is paragraph text: a lazy continuation, or a paragraph's line.
    const last = tip();
    if (!allClosed && !cursor.blank && last?.kind === PARAGRAPH) {
      last.lines?.push(cursor.offset, e);
      continue;
    }
    closeUnmatched();
    if (container === PARAGRAPH) {
      tip()?.lines?.push(cursor.offset, e);
      if (stack.length === 1 && cursor.offset === start) missingMarker(i, start, e);
    } else if (!cursor.blank) {
      if (stack.length === 0 && cursor.offset === start) missingMarker(i, start, e);
      open(PARAGRAPH, 0, i);
    }
  }
  const first = stack.length > 0 ? stack[0] : undefined;
  if (first?.kind === FENCE) finish(first.fence as OpenFence, final, final, false);
  return { sections: sectionsOf(source, starts, headings), codeBlocks, diagnostics, rule };
}

function sectionsOf(source: string, starts: readonly number[], headings: Headings): MamlSection[] {
  const { levels, texts, lines } = headings;
  const count = lines.length;
  /** Line of the heading that ends each section; -1 when it runs to the end of the document. */
  const endLines: number[] = new Array<number>(count).fill(-1);
  const parents: (number | undefined)[] = new Array<number | undefined>(count);
  const stack: number[] = [];
  for (let index = 0; index < count; index++) {
    const level = levels[index] ?? 0;
    while (stack.length > 0 && (levels[stack[stack.length - 1] ?? 0] ?? 0) >= level) {
      endLines[stack.pop() ?? 0] = lines[index] ?? -1;
    }
    // Never read stack[-1]: an out-of-bounds read takes V8's slow property path.
    parents[index] = stack.length > 0 ? stack[stack.length - 1] : undefined;
    stack.push(index);
  }
  const sections: MamlSection[] = new Array<MamlSection>(count);
  for (let index = 0; index < count; index++) {
    const line = lines[index] ?? 0;
    const heading = texts[index] ?? '';
    const endLine = endLines[index] ?? -1;
    const sectionEnd = endLine === -1 ? source.length : (starts[endLine] ?? source.length);
    const start = linePosition(source, starts, line);
    sections[index] = {
      heading,
      level: levels[index] ?? 0,
      name: normalizeSectionName(heading),
      content: source.slice(starts[line + 1] ?? source.length, sectionEnd),
      range: {
        start,
        end: endLine === -1 ? endPosition(source, starts) : linePosition(source, starts, endLine),
      },
      headingRange: { start, end: linePosition(source, starts, line + 1) },
      parent: parents[index],
    };
  }
  return sections;
}
