import { SignError } from './errors.js';

/** The heading line that opens the signature section. */
export const SIGNATURES_HEADING = '## Signatures';

/** The info string of an embedded signature block. */
export const SIGNATURE_FENCE = '```maml-signature';

/** Front matter delimiter lines, as the MAML parser reads them (docs/spec/maml.md). */
const FRONT_MATTER_OPEN = /^---[ \t]*$/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Most signature blocks one document may carry.
 *
 * @example
 * ```ts
 * import { MAX_MAML_SIGNATURES } from 'mamlkit/sign';
 * console.log(`up to ${MAX_MAML_SIGNATURES} co-signers`);
 * ```
 */
export const MAX_MAML_SIGNATURES = 16;

/** One `maml-signature` block: its lines between the fences and the line number of its opening fence. */
export interface SignatureBlock {
  readonly line: number;
  readonly lines: readonly string[];
}

/** The document's signature section, split off the content it covers. */
export interface SignatureSection {
  /** The normalised text before the `## Signatures` heading line: what every signature covers. */
  readonly content: string;
  readonly blocks: readonly SignatureBlock[];
}

/** What a scan of a normalised document found. */
export interface SectionScan {
  readonly section?: SignatureSection;
  /** Set when the document ends inside front matter or a code fence (then no section can follow). */
  readonly unclosed?: string;
}

/** Removes a leading byte-order mark and turns CRLF and lone CR into LF. */
export function normaliseMaml(source: string): string {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  return text.replace(/\r\n?/g, '\n');
}

interface Fence {
  readonly char: '`' | '~';
  readonly length: number;
  readonly line: number;
}

/** A CommonMark fence run at the start of a line (up to three spaces of indentation), if any. */
function fenceAt(line: string): { char: '`' | '~'; length: number; info: string } | undefined {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 0x20) i++;
  const char = line[i];
  if (char !== '`' && char !== '~') return undefined;
  let end = i;
  while (line[end] === char) end++;
  const length = end - i;
  const info = line.slice(end);
  if (length < 3 || (char === '`' && info.includes('`'))) return undefined;
  return { char, length, info };
}

const SPACES = /^[ \t]*$/;

function closes(open: Fence, line: string): boolean {
  const run = fenceAt(line);
  return run !== undefined && run.char === open.char && run.length >= open.length && SPACES.test(run.info);
}

function sectionError(message: string): SignError {
  return new SignError('ERR_SIGN_MAML_SECTION', message);
}

/** Parses the lines after the heading: only `maml-signature` blocks and empty lines. */
function readBlocks(lines: readonly string[], firstLine: number): SignatureBlock[] {
  const blocks: SignatureBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line === '') {
      i++;
      continue;
    }
    if (line !== SIGNATURE_FENCE) {
      throw sectionError(
        `line ${firstLine + i}: the ${SIGNATURES_HEADING} section may hold only ${SIGNATURE_FENCE} blocks and empty lines`,
      );
    }
    const close = lines.indexOf('```', i + 1);
    if (close < 0)
      throw sectionError(`line ${firstLine + i}: signature block is not closed by a line "\`\`\`"`);
    if (blocks.length === MAX_MAML_SIGNATURES) {
      throw new SignError(
        'ERR_LIMIT_EXCEEDED',
        `a document carries at most ${MAX_MAML_SIGNATURES} signatures`,
      );
    }
    blocks.push({ line: firstLine + i, lines: lines.slice(i + 1, close) });
    i = close + 1;
  }
  return blocks;
}

/**
 * Finds the signature section of a normalised document (docs/spec/signature.md, "Embedded
 * signatures"): the last line that is exactly `## Signatures`, outside front matter and code
 * fences. Everything after that line must be signature blocks and empty lines.
 *
 * @throws {SignError} `ERR_SIGN_MAML_SECTION` when the section holds anything else,
 * `ERR_LIMIT_EXCEEDED` for more than {@link MAX_MAML_SIGNATURES} blocks.
 */
export function scanSignatureSection(text: string): SectionScan {
  let start = 0;
  let lineNo = 1;
  let heading: { start: number; next: number; line: number } | undefined;
  let fence: Fence | undefined;
  const firstLineEnd = text.indexOf('\n');
  let frontMatter = FRONT_MATTER_OPEN.test(firstLineEnd < 0 ? text : text.slice(0, firstLineEnd));
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 ? text.length : newline + 1;
    const line = text.slice(start, newline < 0 ? text.length : newline);
    if (frontMatter) {
      if (lineNo > 1 && FRONT_MATTER_CLOSE.test(line)) frontMatter = false;
    } else if (fence !== undefined) {
      if (closes(fence, line)) fence = undefined;
    } else if (line === SIGNATURES_HEADING) {
      heading = { start, next, line: lineNo };
    } else {
      const run = fenceAt(line);
      if (run !== undefined) fence = { char: run.char, length: run.length, line: lineNo };
    }
    start = next;
    lineNo++;
  }
  if (heading !== undefined) {
    const blocks = readBlocks(text.slice(heading.next).split('\n'), heading.line + 1);
    return { section: { content: text.slice(0, heading.start), blocks } };
  }
  if (frontMatter) return { unclosed: 'the front matter is not closed by a "---" line' };
  if (fence !== undefined) return { unclosed: `the code fence opened at line ${fence.line} is not closed` };
  return {};
}
