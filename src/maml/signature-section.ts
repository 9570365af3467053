import { lineContentEnd } from './markdown.js';
import { positionAt } from './positions.js';
import type { MamlDiagnostic, MamlDocument, SourceRange } from './types.js';

/**
 * The heading line of the signature section, exactly as it must be written.
 *
 * @example
 * ```ts
 * import { SIGNATURES_HEADING } from 'mamlkit/maml';
 * const unsigned = `${body}\n${SIGNATURES_HEADING}\n`;
 * ```
 */
export const SIGNATURES_HEADING = '## Signatures';

/**
 * The opening fence line of an embedded signature block, exactly as it must be written.
 *
 * @example
 * ```ts
 * import { SIGNATURE_FENCE } from 'mamlkit/maml';
 * const block = [SIGNATURE_FENCE, ...signatureLines, '```'].join('\n');
 * ```
 */
export const SIGNATURE_FENCE = '```maml-signature';

const CLOSING_FENCE = '```';

/** One `maml-signature` block of the signature section. */
export interface MamlSignatureBlock {
  /** The signature text lines between the fences, line endings removed. */
  readonly lines: readonly string[];
  /** From the opening fence line to just past the closing fence line. */
  readonly range: SourceRange;
}

/** The signature section: the `## Signatures` heading at the end and its blocks. */
export interface MamlSignatureSection {
  /** The heading line; `headingRange.start.offset` is where the signed content ends. */
  readonly headingRange: SourceRange;
  readonly blocks: readonly MamlSignatureBlock[];
}

/** What {@link findSignatureSection} reads: the parts of a parsed document it needs. */
export type MamlSignatureSectionInput = Pick<
  MamlDocument,
  'source' | 'lineStarts' | 'sections' | 'codeBlocks'
>;

/** The signature section of a document (`undefined` when it has none), or why it breaks the rule. */
export type MamlSignatureSectionResult =
  | { readonly ok: true; readonly section: MamlSignatureSection | undefined }
  | { readonly ok: false; readonly diagnostic: MamlDiagnostic };

function refuse(
  input: MamlSignatureSectionInput,
  start: number,
  end: number,
  message: string,
  hint: string,
): MamlSignatureSectionResult {
  const range = { start: positionAt(input, start), end: positionAt(input, end) };
  return {
    ok: false,
    diagnostic: { code: 'MAML_SIGNATURE_SECTION', severity: 'error', message, range, hint },
  };
}

/** The text of line `index` (from 0), its line ending excluded. */
function lineText(input: MamlSignatureSectionInput, index: number): string {
  return input.source.slice(input.lineStarts[index], lineContentEnd(input.source, input.lineStarts, index));
}

/** Reads the lines after the heading: only `maml-signature` blocks and empty lines. */
function readBlocks(input: MamlSignatureSectionInput, headingRange: SourceRange): MamlSignatureSectionResult {
  const { source, lineStarts, codeBlocks } = input;
  const blocks: MamlSignatureBlock[] = [];
  let next = codeBlocks.findIndex((b) => b.range.start.offset >= headingRange.end.offset);
  for (let i = headingRange.start.line; i < lineStarts.length; i++) {
    const start = lineStarts[i] ?? source.length;
    const end = lineContentEnd(source, lineStarts, i);
    if (start === end) continue;
    const block = next === -1 ? undefined : codeBlocks[next];
    if (block?.range.start.offset !== start || source.slice(start, end) !== SIGNATURE_FENCE) {
      return refuse(
        input,
        start,
        end,
        `the signature section may hold only ${SIGNATURE_FENCE} blocks and empty lines`,
        `move this line above "${SIGNATURES_HEADING}": everything after that heading is signatures`,
      );
    }
    const close = block.codeRange.end.line - 1;
    if (!block.closed || lineText(input, close) !== CLOSING_FENCE) {
      return refuse(
        input,
        start,
        end,
        `the signature block is not closed by a line "${CLOSING_FENCE}"`,
        `end the block with a line holding only ${CLOSING_FENCE}`,
      );
    }
    const lines = block.code === '' ? [] : block.code.slice(0, -1).split('\n');
    blocks.push({ lines, range: block.range });
    next = next + 1 < codeBlocks.length ? next + 1 : -1;
    i = close;
  }
  return { ok: true, section: { headingRange, blocks } };
}

/**
 * Finds the signature section in a parsed document (docs/spec/signature.md). It is the one
 * heading whose section name is `signatures`, written exactly `## Signatures` at the start of
 * its line; it is the last heading of the document, and the lines after it are empty lines and
 * `maml-signature` blocks opened by exactly ```` ```maml-signature ```` and closed by exactly
 * ```` ``` ````. A second heading named `signatures` (any level or spelling: `# signatures`,
 * `## Signatures ##`), a heading after it or any other content is an error:
 * `MAML_SIGNATURE_SECTION`, which `parseMaml` also reports. `mamlkit/sign` signs and verifies
 * against this section only.
 *
 * @example
 * ```ts
 * import { findSignatureSection, parseMaml } from 'mamlkit/maml';
 * const found = findSignatureSection(parseMaml(text));
 * if (!found.ok) console.error(found.diagnostic.message);
 * else console.log(`${found.section?.blocks.length ?? 0} signature(s)`);
 * ```
 */
export function findSignatureSection(input: MamlSignatureSectionInput): MamlSignatureSectionResult {
  const { sections } = input;
  const index = sections.findIndex((s) => s.name === 'signatures');
  const section = sections[index];
  if (section === undefined) return { ok: true, section: undefined };
  const heading = section.headingRange;
  const written = lineText(input, heading.start.line - 1);
  if (written !== SIGNATURES_HEADING) {
    return refuse(
      input,
      heading.start.offset,
      heading.start.offset + written.length,
      `heading "${written}" names the signature section but is not written "${SIGNATURES_HEADING}"`,
      `write the heading exactly "${SIGNATURES_HEADING}" (level 2, no indentation, nothing after it), or rename it`,
    );
  }
  const second = sections.slice(index + 1).find((s) => s.name === 'signatures');
  const after = second ?? sections[index + 1];
  if (after !== undefined) {
    const at = after.headingRange.start;
    return refuse(
      input,
      at.offset,
      at.offset + lineText(input, at.line - 1).length,
      second === undefined
        ? `heading "${after.heading}" follows the signature section, which must come last`
        : 'the document has more than one signature section',
      `"${SIGNATURES_HEADING}" is the last heading of a document and holds only signature blocks`,
    );
  }
  return readBlocks(input, heading);
}
