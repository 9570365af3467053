/**
 * CommonMark 0.31.2 §4.6 start condition 7: a line that is one complete open tag or closing
 * tag and nothing else but whitespace. The spec's regular expression backtracks
 * polynomially on long lines (an unquoted attribute value may hold the same non-ASCII
 * spaces that separate attributes), so this runs it as a set of states: linear in the line.
 */

/** JavaScript's `\s`, the class the reference implementation's expression uses. */
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `[A-Za-z0-9-]`: a tag name character after the first. */
function isTagChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 45;
}

/** `[a-zA-Z_:]`: the first character of an attribute name. */
function isNameStart(c: number): boolean {
  return isLetter(c) || c === 95 || c === 58;
}

/** `[a-zA-Z0-9:._-]`: an attribute name character after the first. */
function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c) || c === 46 || c === 45;
}

/** `[^"'=<>\`\x00-\x20]`: a character of an unquoted attribute value. */
function isUnquoted(c: number): boolean {
  return c > 32 && c !== 34 && c !== 39 && c !== 61 && c !== 60 && c !== 62 && c !== 96;
}

const SLASH = 47;
const GREATER = 62;

// States of the open tag after its name, one bit each.
/** After the tag name, an attribute name or an attribute value. */
const AFTER = 1;
/** In spaces: before the next attribute, or before `/>`/`>`. */
const SPACES = 2;
/** In an attribute name. */
const NAME = 4;
/** In spaces after an attribute name: before `=`, the next attribute, or the end. */
const NAME_SPACES = 8;
/** After `=` and any spaces. */
const EQUALS = 16;
/** In a single-quoted value. */
const SINGLE = 32;
/** In a double-quoted value. */
const DOUBLE = 64;
/** In an unquoted value. */
const UNQUOTED = 128;
/** After `/`. */
const SLASHED = 256;
/** After `>`: only spaces may follow. */
const DONE = 512;

/** The states reached from `states` by the character `c`. */
function step(states: number, c: number): number {
  let next = 0;
  const space = isSpace(c);
  // States that end an attribute (or the tag name) and may be followed by spaces, `/` or `>`.
  const has = (mask: number): boolean => (states & mask) !== 0;
  if (has(AFTER | SPACES | NAME | NAME_SPACES | UNQUOTED)) {
    if (space && has(NAME | NAME_SPACES)) next |= NAME_SPACES;
    if (space && has(AFTER | SPACES | UNQUOTED)) next |= SPACES;
    if (c === SLASH) next |= SLASHED;
    if (c === GREATER) next |= DONE;
  }
  if (has(SPACES | NAME_SPACES) && isNameStart(c)) next |= NAME;
  if (has(NAME) && isNameChar(c)) next |= NAME;
  if (has(NAME | NAME_SPACES) && c === 61) next |= EQUALS;
  if (has(EQUALS)) {
    // A non-ASCII space is both a space before the value and the value's first character.
    if (space) next |= EQUALS;
    if (c === 39) next |= SINGLE;
    if (c === 34) next |= DOUBLE;
    if (isUnquoted(c)) next |= UNQUOTED;
  }
  if (has(UNQUOTED) && isUnquoted(c)) next |= UNQUOTED;
  if (has(SINGLE)) next |= c === 39 ? AFTER : SINGLE;
  if (has(DOUBLE)) next |= c === 34 ? AFTER : DOUBLE;
  if (has(SLASHED) && c === GREATER) next |= DONE;
  if (has(DONE) && space) next |= DONE;
  return next;
}

/**
 * Whether `text` (a line from its first non-space character) is an open tag or a closing
 * tag followed only by whitespace: CommonMark's HTML block start condition 7.
 */
export function isTagLine(text: string): boolean {
  if (text.charCodeAt(0) !== 60) return false;
  const closing = text.charCodeAt(1) === SLASH;
  let p = closing ? 2 : 1;
  if (!isLetter(text.charCodeAt(p))) return false;
  while (p < text.length && isTagChar(text.charCodeAt(p))) p++;
  if (closing) {
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) !== GREATER) return false;
    for (p++; p < text.length; p++) if (!isSpace(text.charCodeAt(p))) return false;
    return true;
  }
  let states = AFTER;
  for (; p < text.length && states !== 0; p++) states = step(states, text.charCodeAt(p));
  return (states & DONE) !== 0;
}
