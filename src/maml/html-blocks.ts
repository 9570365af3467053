import { isTagLine } from './html-tag-line.js';

/**
 * CommonMark 0.31.2 §4.6 HTML blocks: the seven start conditions and the end conditions of
 * the first five (types 6 and 7 end at a blank line).
 */

const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|section|search|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';

/** Start conditions 1 to 6, indexed by type (index 0 unused); 7 is {@link isTagLine}. */
const OPEN: readonly RegExp[] = [
  /$^/,
  /^<(?:script|pre|textarea|style)(?:\s|>|$)/i,
  /^<!--/,
  /^<\?/,
  /^<![A-Z]/i,
  /^<!\[CDATA\[/,
  new RegExp(String.raw`^</?(?:${BLOCK_TAGS})(?:\s|/?>|$)`, 'i'),
];

/** End conditions of types 1 to 5, indexed by type. */
const CLOSE: readonly RegExp[] = [/$^/, /<\/(?:script|pre|textarea|style)>/i, /-->/, /\?>/, />/, /\]\]>/];

/** What each type of HTML block is, for messages. */
export const HTML_BLOCK_KINDS: readonly string[] = [
  '',
  'a <script>, <pre>, <textarea> or <style> element',
  'an HTML comment',
  'a processing instruction',
  'a declaration',
  'a CDATA section',
  'an HTML block',
  'an HTML block',
];

/**
 * The type (1 to 7) of the HTML block that `text` (a line from its first non-space
 * character) starts, or 0. Type 7 cannot interrupt a paragraph: pass `inParagraph` when
 * the line would otherwise continue one.
 */
export function htmlBlockStart(text: string, inParagraph: boolean): number {
  for (let type = 1; type <= 6; type++) if (OPEN[type]?.test(text) === true) return type;
  return !inParagraph && isTagLine(text) ? 7 : 0;
}

/** Whether a line of an HTML block of `type` ends it (types 1 to 5; 6 and 7 end at a blank line). */
export function htmlBlockEnds(type: number, text: string): boolean {
  return type <= 5 && CLOSE[type]?.test(text) === true;
}
