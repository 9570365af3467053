import type { FrontMatterBlock } from './front-matter-block.js';
import { HTML_BLOCK_KINDS, htmlBlockStart } from './html-blocks.js';
import { lineContentEnd } from './markdown.js';
import { rangeAt } from './positions.js';
import type { MamlDiagnostic } from './types.js';

type Locate = { readonly lineStarts: readonly number[] };

const DASH = 45;
const DOT = 46;
const LESS = 60;
const SPACE = 32;

/** Offset of the `<` that a line starts with after at most three spaces, or -1. */
function htmlCandidate(source: string, start: number): number {
  let p = start;
  while (p < start + 3 && source.charCodeAt(p) === SPACE) p++;
  return source.charCodeAt(p) === LESS ? p : -1;
}

/**
 * Front matter lines that other readers take for something else: a line starting at column 1
 * with `---` or `...` that is not the closing delimiter (gray-matter and others end the front
 * matter there), and a line that starts an HTML block, which a CommonMark renderer without
 * front matter support shows as raw HTML or not at all, together with the body after it.
 */
export function frontMatterLineDiagnostics(
  source: string,
  block: FrontMatterBlock,
  locate: Locate,
): MamlDiagnostic[] {
  const starts = locate.lineStarts;
  const diagnostics: MamlDiagnostic[] = [];
  let marker = false;
  for (let i = 1; i < block.closeLine; i++) {
    const s = starts[i] ?? source.length;
    const c = source.charCodeAt(s);
    if (!marker && (c === DASH || c === DOT) && source.startsWith(c === DASH ? '---' : '...', s)) {
      marker = true;
      diagnostics.push({
        code: 'MAML_INVALID_FRONT_MATTER',
        severity: 'error',
        message: `line ${i + 1} starts with ${source.slice(s, s + 3)} but is not the closing delimiter: other front matter readers end the front matter there`,
        range: rangeAt(locate, s, lineContentEnd(source, starts, i)),
        hint: 'indent the line, quote the key, or move the text so that no front matter line starts with --- or ...',
      });
    }
    const p = c === LESS || c === SPACE ? htmlCandidate(source, s) : -1;
    if (p === -1) continue;
    const e = lineContentEnd(source, starts, i);
    const type = htmlBlockStart(source.slice(p, e), false);
    if (type === 0) continue;
    diagnostics.push({
      code: 'MAML_HIDDEN_CONTENT',
      severity: 'error',
      message: `front matter line ${i + 1} starts ${HTML_BLOCK_KINDS[type] ?? 'an HTML block'} to a Markdown renderer without front matter support, which then hides the lines after it`,
      range: rangeAt(locate, p, e),
      hint: 'indent the line by four spaces or more, or start it with other text than the HTML',
    });
  }
  return diagnostics;
}
