import { MamlError } from './errors.js';
import { positionAt } from './positions.js';
import type { MamlLimits } from './options.js';
import type { MamlCodeBlock, MamlDiagnostic, MamlSection, SourcePosition } from './types.js';

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

/** Offset of the first non-space character when the indentation is at most three spaces, else -1. */
function indentEnd(source: string, start: number, end: number): number {
  let p = start;
  while (p < end && p - start < 4 && source.charCodeAt(p) === SPACE) p++;
  return p - start >= 4 ? -1 : p;
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
    let p = s;
    while (p < e && p - s < indent && source.charCodeAt(p) === SPACE) p++;
    lines.push(source.slice(p, e));
  }
  return lines.join('\n') + '\n';
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

/**
 * Scans the body (from line `firstLine`) for ATX headings and fenced code blocks,
 * following CommonMark for documents without container blocks. One forward pass; a line
 * allocates nothing unless it is a heading, a fence or a candidate diagnostic.
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
  let fence: OpenFence | undefined;
  const final = lastLine(source, starts);
  const plain = source.indexOf('\r') === -1;

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
        range: {
          start: linePosition(source, starts, open.line),
          end: positionAt({ lineStarts: starts }, lineContentEnd(source, starts, open.line)),
        },
        hint: `close the block with a line of ${fenceText(open.char, open.length)}`,
      });
    }
    if (open.nested !== -1) {
      const text = fenceText(open.char, open.length);
      diagnostics.push({
        code: 'MAML_NESTED_FENCE',
        severity: 'warning',
        message: `a ${text} fence with an info string inside a code block opened at line ${open.line + 1} cannot close or nest: the next bare fence closes the outer block`,
        range: {
          start: linePosition(source, starts, open.nested),
          end: positionAt({ lineStarts: starts }, lineContentEnd(source, starts, open.nested)),
        },
        hint: `make the outer fence longer than the inner ones: open and close it with ${text}${String.fromCharCode(open.char)}`,
      });
    }
  };

  let s = starts[firstLine] ?? source.length;
  for (let i = firstLine; i <= final; i++) {
    const e = lineContentEnd(source, starts, i);
    const start = s;
    s = starts[i + 1] ?? source.length;
    const p = indentEnd(source, start, e);
    if (p === -1 || p === e) continue;
    const c = source.charCodeAt(p);
    if (fence !== undefined) {
      if (c !== fence.char) continue;
      const q = runEnd(source, p, e, c);
      if (q - p < fence.length) continue;
      const t = blanksEnd(source, q, e);
      if (t === e) {
        finish(fence, i - 1, i, true);
        fence = undefined;
      } else if (fence.nested === -1 && (c !== BACKTICK || !hasBacktick(source, t, e))) fence.nested = i;
      continue;
    }
    if (c === HASH) {
      const q = runEnd(source, p, e, HASH);
      if (q - p > 6) continue;
      const text = atxHeadingText(source, q, e);
      if (text === undefined) continue;
      if (headings.lines.length >= limits.maxSections) {
        throw new MamlError('ERR_MAML_TOO_MANY_SECTIONS', `more than ${limits.maxSections} headings`);
      }
      headings.levels.push(q - p);
      headings.texts.push(text);
      headings.lines.push(i);
    } else if (c === BACKTICK || c === TILDE) {
      const q = runEnd(source, p, e, c);
      if (q - p < 3) continue;
      const t = blanksEnd(source, q, e);
      if (c === BACKTICK && hasBacktick(source, t, e)) continue;
      const section = headings.lines.length > 0 ? headings.lines.length - 1 : undefined;
      const info = t === e ? '' : trimmed(source, t, e);
      fence = { char: c, length: q - p, indent: p - start, line: i, info, section, nested: -1 };
    } else if (c === DASH) {
      if (rule === undefined) {
        const q = runEnd(source, p, e, DASH);
        if (q - p >= 3 && blanksEnd(source, q, e) === e) {
          const following = i + 1 <= final ? source.slice(s, lineContentEnd(source, starts, i + 1)) : '';
          rule = { offset: start, yamlLike: YAML_KEY_LINE.test(following) };
        }
      }
    } else if (p === start && e - start <= 13 && BARE_SECTION_INITIALS.has(c)) {
      const name = trimmed(source, start, e);
      if (!BARE_SECTION_NAMES.has(name)) continue;
      diagnostics.push({
        code: 'MAML_MISSING_HEADING_MARKER',
        severity: 'warning',
        message: `line "${name}" looks like a section name without a heading marker`,
        range: { start: linePosition(source, starts, i), end: positionAt({ lineStarts: starts }, e) },
        hint: `write it as a level-2 heading: "## ${name}"`,
      });
    }
  }
  if (fence !== undefined) finish(fence, final, final, false);
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
