/**
 * CommonMark 0.31.2 §4.7 link reference definitions, as far as block structure needs them: a
 * paragraph made only of definitions cannot become a setext heading (§4.3), so its
 * underline stays paragraph text. Follows commonmark.js's reader, written without
 * backtracking so a long paragraph is read in linear time.
 */

const NEWLINE = 10;
const SPACE = 32;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;
const LESS = 60;
const GREATER = 62;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;

/** ASCII punctuation: the characters a backslash escapes. */
function isEscapable(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** Space, tab, line feed, vertical tab, form feed, carriage return. */
function isWhitespace(c: number): boolean {
  return c === SPACE || (c >= 9 && c <= 13);
}

/** Offset past spaces, at most one line feed, and spaces again. */
function spacesAndNewline(s: string, p: number): number {
  let q = p;
  while (s.charCodeAt(q) === SPACE) q++;
  if (s.charCodeAt(q) === NEWLINE) {
    q++;
    while (s.charCodeAt(q) === SPACE) q++;
  }
  return q;
}

/** Offset past the link label `[…]` at `p` (at most 999 characters inside), or -1. */
function labelEnd(s: string, p: number): number {
  let q = p + 1;
  while (q < s.length && q - p <= 1000) {
    const c = s.charCodeAt(q);
    if (c === CLOSE_BRACKET) return q + 1 - p > 1001 ? -1 : q + 1;
    if (c === OPEN_BRACKET) return -1;
    q += c === BACKSLASH && q + 1 < s.length ? 2 : 1;
  }
  return -1;
}

/** Offset past the link destination at `p`, or -1. */
function destinationEnd(s: string, p: number): number {
  if (s.charCodeAt(p) === LESS) {
    for (let q = p + 1; q < s.length; q++) {
      const c = s.charCodeAt(q);
      if (c === GREATER) return q + 1;
      if (c === LESS || c === NEWLINE) return -1;
      if (c === BACKSLASH) {
        // A backslash escapes the next character, which may not end a line.
        const next = s.charCodeAt(q + 1);
        if (q + 1 >= s.length || next === NEWLINE || next === 0x2028 || next === 0x2029) return -1;
        q++;
      }
    }
    return -1;
  }
  let q = p;
  let depth = 0;
  let c = -1;
  while (q < s.length) {
    c = s.charCodeAt(q);
    if (c === BACKSLASH && isEscapable(s.charCodeAt(q + 1))) q += 2;
    else if (c === OPEN_PAREN) {
      depth++;
      q++;
    } else if (c === CLOSE_PAREN) {
      if (depth < 1) break;
      depth--;
      q++;
    } else if (isWhitespace(c)) break;
    else q++;
    c = -1;
  }
  if ((q === p && c !== CLOSE_PAREN) || depth !== 0) return -1;
  return q;
}

/** Offset past the link title (`"…"`, `'…'` or `(…)`) at `p`, or -1. */
function titleEnd(s: string, p: number): number {
  const open = s.charCodeAt(p);
  const close = open === OPEN_PAREN ? CLOSE_PAREN : open;
  if (open !== 34 && open !== 39 && open !== OPEN_PAREN) return -1;
  for (let q = p + 1; q < s.length; q++) {
    const c = s.charCodeAt(q);
    if (c === close) return q + 1;
    if (c === BACKSLASH) {
      if (q + 1 >= s.length) return -1;
      q++;
    } else if (open === OPEN_PAREN && c === OPEN_PAREN) return -1;
  }
  return -1;
}

/** Offset past spaces and a line feed (or the end) at `p`, or -1 when something else follows. */
function lineEnd(s: string, p: number): number {
  let q = p;
  while (s.charCodeAt(q) === SPACE) q++;
  if (q === s.length) return q;
  return s.charCodeAt(q) === NEWLINE ? q + 1 : -1;
}

/** Length of the link reference definition at the start of `s` (0 when there is none). */
function definitionLength(s: string, from: number): number {
  const label = labelEnd(s, from);
  if (label === -1 || s.charCodeAt(label) !== COLON) return 0;
  const destination = destinationEnd(s, spacesAndNewline(s, label + 1));
  if (destination === -1) return 0;
  let end = -1;
  const title = spacesAndNewline(s, destination);
  if (title !== destination) {
    const after = titleEnd(s, title);
    if (after !== -1) end = lineEnd(s, after);
  }
  if (end === -1) end = lineEnd(s, destination);
  if (end === -1 || s.slice(from + 1, label - 1).trim() === '') return 0;
  return end - from;
}

/**
 * Whether `content` (a paragraph's lines, leading spaces removed, each ending in a line
 * feed) is only link reference definitions, so an underline after it is not a setext heading.
 */
export function isOnlyLinkReferences(content: string): boolean {
  let p = 0;
  while (content.charCodeAt(p) === OPEN_BRACKET) {
    const length = definitionLength(content, p);
    if (length === 0) return false;
    p += length;
  }
  return p === content.length;
}
