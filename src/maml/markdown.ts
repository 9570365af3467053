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

interface Heading {
  readonly level: number;
  readonly heading: string;
  readonly line: number;
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
  let separator = false;
  for (let i = 0; i < heading.length; i++) {
    const c = heading.charCodeAt(i);
    if (c >= 128)
      return heading
        .toLowerCase()
        .replace(/[\s_-]+/g, '_')
        .replace(/^_|_$/g, '');
    if (c === SPACE || c === 95 || c === DASH || (c >= TAB && c <= 13)) {
      separator = name !== '';
      continue;
    }
    if (separator) name += '_';
    separator = false;
    name += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  }
  return name;
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

function trimmed(source: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s < e && isBlank(source.charCodeAt(s))) s++;
  while (e > s && isBlank(source.charCodeAt(e - 1))) e--;
  return source.slice(s, e);
}

/** Parses an ATX heading starting at `p` (after indentation); undefined when the line is not one. */
function atxHeading(source: string, p: number, end: number): { level: number; text: string } | undefined {
  let q = p;
  while (q < end && source.charCodeAt(q) === HASH) q++;
  const level = q - p;
  if (level > 6 || (q < end && !isBlank(source.charCodeAt(q)))) return undefined;
  let s = q;
  let e = end;
  while (s < e && isBlank(source.charCodeAt(s))) s++;
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
  return { level, text: source.slice(s, e) };
}

/** Parses an opening fence at `p`; undefined when the line is not one. */
function openingFence(source: string, p: number, end: number): { length: number; info: string } | undefined {
  const char = source.charCodeAt(p);
  let q = p;
  while (q < end && source.charCodeAt(q) === char) q++;
  const length = q - p;
  if (length < 3) return undefined;
  const info = trimmed(source, q, end);
  if (char === BACKTICK && info.includes('`')) return undefined;
  return { length, info };
}

function isClosingFence(source: string, start: number, end: number, fence: OpenFence): boolean {
  const p = indentEnd(source, start, end);
  if (p === -1 || source.charCodeAt(p) !== fence.char) return false;
  let q = p;
  while (q < end && source.charCodeAt(q) === fence.char) q++;
  if (q - p < fence.length) return false;
  while (q < end && isBlank(source.charCodeAt(q))) q++;
  return q === end;
}

function codeOf(
  source: string,
  starts: readonly number[],
  first: number,
  last: number,
  indent: number,
): string {
  if (first > last) return '';
  const from = starts[first] ?? source.length;
  const to = lineContentEnd(source, starts, last);
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

/**
 * Scans the body (from line `firstLine`) for ATX headings and fenced code blocks,
 * following CommonMark for documents without container blocks.
 */
export function scanMarkdown(
  source: string,
  starts: readonly number[],
  firstLine: number,
  limits: MamlLimits,
): MarkdownScan {
  const headings: Heading[] = [];
  const codeBlocks: MamlCodeBlock[] = [];
  const diagnostics: MamlDiagnostic[] = [];
  let rule: MarkdownScan['rule'];
  let fence: OpenFence | undefined;
  const final = lastLine(source, starts);

  const closeFence = (open: OpenFence, lastContent: number, endLine: number, closed: boolean): void => {
    if (codeBlocks.length >= limits.maxCodeBlocks) {
      throw new MamlError(
        'ERR_MAML_TOO_MANY_CODE_BLOCKS',
        `more than ${limits.maxCodeBlocks} fenced code blocks`,
      );
    }
    const space = open.info.search(/[ \t]/);
    codeBlocks.push({
      language: space === -1 ? open.info : open.info.slice(0, space),
      info: open.info,
      code: codeOf(source, starts, open.line + 1, lastContent, open.indent),
      fence: String.fromCharCode(open.char).repeat(open.length),
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
    const at = linePosition(source, starts, open.line);
    if (!closed) {
      diagnostics.push({
        code: 'MAML_UNCLOSED_FENCE',
        severity: 'warning',
        message: 'code fence is never closed: the code block runs to the end of the document',
        range: {
          start: at,
          end: positionAt({ lineStarts: starts }, lineContentEnd(source, starts, open.line)),
        },
        hint: `close the block with a line of ${String.fromCharCode(open.char).repeat(open.length)}`,
      });
    }
    if (open.nested !== -1) {
      const fenceText = String.fromCharCode(open.char).repeat(open.length);
      diagnostics.push({
        code: 'MAML_NESTED_FENCE',
        severity: 'warning',
        message: `a ${fenceText} fence with an info string inside a code block opened at line ${open.line + 1} cannot close or nest: the next bare fence closes the outer block`,
        range: {
          start: linePosition(source, starts, open.nested),
          end: positionAt({ lineStarts: starts }, lineContentEnd(source, starts, open.nested)),
        },
        hint: `make the outer fence longer than the inner ones: open and close it with ${fenceText}${String.fromCharCode(open.char)}`,
      });
    }
  };

  for (let i = firstLine; i <= final; i++) {
    const s = starts[i] ?? source.length;
    const e = lineContentEnd(source, starts, i);
    if (fence !== undefined) {
      if (isClosingFence(source, s, e, fence)) {
        finish(fence, i - 1, i, true);
        fence = undefined;
      } else if (fence.nested === -1) {
        const p = indentEnd(source, s, e);
        if (p !== -1 && source.charCodeAt(p) === fence.char) {
          const inner = openingFence(source, p, e);
          if (inner !== undefined && inner.length >= fence.length && inner.info !== '') fence.nested = i;
        }
      }
      continue;
    }
    const p = indentEnd(source, s, e);
    if (p === -1 || p === e) continue;
    const c = source.charCodeAt(p);
    if (c === HASH) {
      const heading = atxHeading(source, p, e);
      if (heading === undefined) continue;
      if (headings.length >= limits.maxSections) {
        throw new MamlError('ERR_MAML_TOO_MANY_SECTIONS', `more than ${limits.maxSections} headings`);
      }
      headings.push({ level: heading.level, heading: heading.text, line: i });
    } else if (c === BACKTICK || c === TILDE) {
      const open = openingFence(source, p, e);
      if (open === undefined) continue;
      const section = headings.length > 0 ? headings.length - 1 : undefined;
      fence = { char: c, length: open.length, indent: p - s, line: i, info: open.info, section, nested: -1 };
    } else if (c === DASH) {
      if (rule === undefined && /^-{3,}[ \t]*$/.test(source.slice(p, e))) {
        const next = i + 1 <= final ? source.slice(starts[i + 1], lineContentEnd(source, starts, i + 1)) : '';
        rule = { offset: s, yamlLike: YAML_KEY_LINE.test(next) };
      }
    } else if (p === s && e - s <= 13 && BARE_SECTION_NAMES.has(trimmed(source, s, e))) {
      const name = trimmed(source, s, e);
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

function sectionsOf(source: string, starts: readonly number[], headings: readonly Heading[]): MamlSection[] {
  const ends: number[] = new Array<number>(headings.length).fill(source.length);
  const parents: (number | undefined)[] = [];
  const stack: number[] = [];
  headings.forEach((h, index) => {
    while (stack.length > 0 && (headings[stack[stack.length - 1] ?? 0]?.level ?? 0) >= h.level) {
      ends[stack.pop() ?? 0] = starts[h.line] ?? source.length;
    }
    parents.push(stack[stack.length - 1]);
    stack.push(index);
  });
  const end = { lineStarts: starts };
  return headings.map((h, index): MamlSection => {
    const headingEnd = starts[h.line + 1] ?? source.length;
    const sectionEnd = ends[index] ?? source.length;
    const start = linePosition(source, starts, h.line);
    return {
      heading: h.heading,
      level: h.level,
      name: normalizeSectionName(h.heading),
      content: source.slice(headingEnd, sectionEnd),
      range: { start, end: positionAt(end, sectionEnd) },
      headingRange: { start, end: linePosition(source, starts, h.line + 1) },
      parent: parents[index],
    };
  });
}
