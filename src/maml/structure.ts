import { findFrontMatter, type FrontMatterBlock } from './front-matter-block.js';
import { scanMarkdown, type MarkdownScan } from './markdown.js';
import type { MamlLimits } from './options.js';
import { buildLineStarts } from './positions.js';

/**
 * The block structure of a document, without reading its YAML: where the front matter block
 * is, and the headings and fenced code blocks of the Markdown after it. `parseMaml` builds
 * its document from this scan, and the signer finds the signature section in it, so both
 * read one structure.
 */
export interface MamlStructure {
  readonly source: string;
  readonly lineStarts: readonly number[];
  /** 1 when the source starts with a byte order mark, else 0. */
  readonly bom: number;
  /** The `---` block on the first line, closed or not; `undefined` when there is none. */
  readonly frontMatterBlock: FrontMatterBlock | undefined;
  readonly markdown: MarkdownScan;
}

/**
 * Scans the structure of a decoded source. An unclosed front matter block is not front
 * matter: the Markdown then starts on the first line.
 *
 * @throws {MamlError} `ERR_MAML_TOO_MANY_SECTIONS`, `ERR_MAML_TOO_MANY_CODE_BLOCKS`.
 */
export function scanStructure(source: string, limits: MamlLimits): MamlStructure {
  const lineStarts = buildLineStarts(source);
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const frontMatterBlock = findFrontMatter(source, lineStarts, bom);
  const closed = frontMatterBlock !== undefined && frontMatterBlock.closeLine !== -1;
  const firstLine = closed ? frontMatterBlock.closeLine + 1 : 0;
  const markdown = scanMarkdown(source, lineStarts, firstLine, limits);
  return { source, lineStarts, bom, frontMatterBlock, markdown };
}
