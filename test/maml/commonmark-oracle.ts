/**
 * Extracts ATX headings and fenced code blocks from the commonmark.js reference parser, and
 * from a parsed MAML document, in one comparable shape. No Node APIs and no mamlkit import:
 * the unit tests pass documents parsed from the sources, the runtime suite documents parsed by
 * the built package.
 */
import { HtmlRenderer, Parser, type Node } from 'commonmark';
import type { MamlDocument } from 'mamlkit/maml';

export interface Structure {
  readonly headings: readonly { readonly level: number; readonly line: number; readonly html: string }[];
  readonly code: readonly { readonly info: string; readonly literal: string; readonly line: number }[];
}

const parser = new Parser();
const renderer = new HtmlRenderer();

/** What commonmark.js finds: ATX headings and fenced code blocks (setext headings and indented code are ignored). */
export function reference(markdown: string): Structure {
  const headings: { level: number; line: number; html: string }[] = [];
  const code: { info: string; literal: string; line: number }[] = [];
  const walker = parser.parse(markdown).walker();
  for (let event = walker.next(); event !== null; event = walker.next()) {
    const node: Node = event.node;
    if (!event.entering || (node.type !== 'heading' && node.type !== 'code_block')) continue;
    const line = node.sourcepos[0][0];
    if (node.type === 'heading' && isAtx(markdown, line)) {
      headings.push({ level: node.level, line, html: renderer.render(node) });
    }
    if (node.type === 'code_block' && (node as unknown as { _isFenced: boolean })._isFenced)
      code.push({ info: node.info ?? '', literal: node.literal ?? '', line });
  }
  return { headings, code };
}

function isAtx(markdown: string, line: number): boolean {
  return /^ {0,3}#/.test(markdown.split(/\r\n|\r|\n/)[line - 1] ?? '');
}

/** What mamlkit found in `doc`, with heading text rendered through the reference inline parser. */
export function structureOf(doc: Pick<MamlDocument, 'sections' | 'codeBlocks'>): Structure {
  return {
    headings: doc.sections.map((s) => ({
      level: s.level,
      line: s.range.start.line,
      html: renderer.render(parser.parse(`${'#'.repeat(s.level)} ${s.heading} #`)),
    })),
    code: doc.codeBlocks.map((b) => ({ info: b.info, literal: b.code, line: b.range.start.line })),
  };
}
