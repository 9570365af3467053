/**
 * Extracts ATX headings and fenced code blocks from the commonmark.js reference parser, and
 * from a parsed MAML document, in one comparable shape. No Node APIs and no mamlkit import:
 * the unit tests pass documents parsed from the sources, the runtime suite documents parsed by
 * the built package.
 */
import { HtmlRenderer, Parser, type Node } from 'commonmark';
import type { MamlDocument } from 'mamlkit/maml';

export interface Structure {
  /** Top-level ATX headings. */
  readonly headings: readonly { readonly level: number; readonly line: number; readonly html: string }[];
  /** Top-level fenced code blocks. */
  readonly code: readonly { readonly info: string; readonly literal: string; readonly line: number }[];
  /** Lines of ATX headings and fenced code blocks inside a block quote or list item. */
  readonly nested: readonly number[];
  /** Per HTML block, the first line that would be an ATX heading or a code fence outside it. */
  readonly hidden: readonly number[];
}

const parser = new Parser();
const renderer = new HtmlRenderer();

/** A line that opens an ATX heading or a fenced code block (CommonMark's expressions, indentation allowed). */
const HEADING_OR_FENCE = /^(?:#{1,6}(?:[ \t]|$)|`{3,}(?!.*`)|~{3,})/;

/**
 * Whether an HTML block line would be an ATX heading or a fence outside the block: at most three
 * columns of indentation, tabs expanded to stops of four from `column`, where the block's
 * lines start (its first line's column, as its container strips that much from each line).
 */
function headingOrFence(line: string, column: number): boolean {
  let col = column;
  let i = 0;
  for (; i < line.length && (line[i] === ' ' || line[i] === '\t'); i++)
    col += line[i] === ' ' ? 1 : 4 - (col % 4);
  return col - column <= 3 && HEADING_OR_FENCE.test(line.slice(i));
}

/**
 * What commonmark.js finds: ATX headings and fenced code blocks, top-level or nested, and
 * lines of HTML blocks that would be one of them (setext headings and indented code are ignored).
 */
export function reference(markdown: string): Structure {
  const headings: { level: number; line: number; html: string }[] = [];
  const code: { info: string; literal: string; line: number }[] = [];
  const nested: number[] = [];
  const hidden: number[] = [];
  const walker = parser.parse(markdown).walker();
  for (let event = walker.next(); event !== null; event = walker.next()) {
    const node: Node = event.node;
    if (
      !event.entering ||
      (node.type !== 'heading' && node.type !== 'code_block' && node.type !== 'html_block')
    )
      continue;
    const line = node.sourcepos[0][0];
    const top = node.parent?.type === 'document';
    // An ATX heading is one line; a setext heading has its text lines and the underline.
    if (node.type === 'heading' && node.sourcepos[1][0] === line) {
      if (top) headings.push({ level: node.level, line, html: renderer.render(node) });
      else nested.push(line);
    }
    if (node.type === 'code_block' && (node as unknown as { _isFenced: boolean })._isFenced) {
      if (top) code.push({ info: node.info ?? '', literal: node.literal ?? '', line });
      else nested.push(line);
    }
    if (node.type === 'html_block') {
      const column = node.sourcepos[0][1] - 1;
      const at = (node.literal ?? '').split('\n').findIndex((l, i) => i > 0 && headingOrFence(l, column));
      if (at !== -1) hidden.push(line + at);
    }
  }
  return { headings, code, nested: nested.sort((a, b) => a - b), hidden };
}

/** What mamlkit found in `doc`, with heading text rendered through the reference inline parser. */
export function structureOf(doc: Pick<MamlDocument, 'sections' | 'codeBlocks' | 'diagnostics'>): Structure {
  const lines = (code: string): number[] =>
    doc.diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line);
  return {
    headings: doc.sections.map((s) => ({
      level: s.level,
      line: s.range.start.line,
      html: renderer.render(parser.parse(`${'#'.repeat(s.level)} ${s.heading} #`)),
    })),
    code: doc.codeBlocks.map((b) => ({ info: b.info, literal: b.code, line: b.range.start.line })),
    nested: lines('MAML_NESTED_BLOCK'),
    hidden: lines('MAML_HIDDEN_CONTENT'),
  };
}
