/** JSON reading shared by every module that hashes or signs JSON (internal: not a subpath). */

/** Deepest nesting the reader follows; audit entries and trust files are far shallower. */
const MAX_JSON_DEPTH = 64;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?/iy;
const WHITESPACE = /[ \t\n\r]*/y;
// A JSON string holds no U+0000..U+001F raw: the run of characters that need no attention.
// eslint-disable-next-line no-control-regex
const PLAIN_CHARS = /[^"\\\0-\x1f]*/y;
const HEX4 = /^[\da-f]{4}$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const WORDS = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const;

/**
 * Reads one JSON text (RFC 8259) the way `JSON.parse` does, but strictly: a duplicate member
 * name (at any depth) and a lone surrogate (raw or `\ud800`-escaped) are errors, because other
 * readers would see another value or other text than the one hashed and signed.
 *
 * `error` makes what is thrown: for a `syntax` problem (its message names the column) or for
 * nesting past 64 levels (`depth`).
 */
export function readStrictJson(
  text: string,
  error: (problem: 'syntax' | 'depth', message: string) => Error,
): unknown {
  let position = 0;
  const fail = (why: string, at = position): never => {
    throw error('syntax', `${why} at column ${at + 1}`);
  };
  const sticky = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (match !== null) position = pattern.lastIndex;
    return match;
  };
  const skipWhitespace = (): void => {
    sticky(WHITESPACE);
  };
  const expect = (char: string): void => {
    if (text[position] !== char) fail(`expected '${char}'`);
    position++;
  };
  /** At `text[position]` is a string's opening quote. */
  const string = (): string => {
    const start = position++;
    let result = '';
    for (;;) {
      result += sticky(PLAIN_CHARS)?.[0] ?? '';
      const char = text[position];
      if (char === '"') break;
      if (char === undefined) fail('unterminated string', start);
      if (char !== '\\') fail('control character in a string');
      const escape = text[position + 1] ?? '';
      if (escape === 'u') {
        const hex = text.slice(position + 2, position + 6);
        if (!HEX4.test(hex)) fail('bad \\u escape');
        result += String.fromCharCode(parseInt(hex, 16));
        position += 6;
      } else {
        result += ESCAPES[escape] ?? fail('bad escape');
        position += 2;
      }
    }
    position++;
    if (LONE_SURROGATE.test(result)) fail('lone surrogate in a string (not valid Unicode)', start);
    return result;
  };
  /** True (and past it) at `close`; otherwise expects the comma before the next item. */
  const closes = (close: string): boolean => {
    skipWhitespace();
    if (text[position] !== close) return false;
    position++;
    return true;
  };
  const next = (close: string): boolean => {
    if (closes(close)) return false;
    expect(',');
    return true;
  };
  const object = (depth: number): Record<string, unknown> => {
    const record: Record<string, unknown> = {};
    if (closes('}')) return record;
    do {
      skipWhitespace();
      const at = position;
      if (text[at] !== '"') fail('expected a member name');
      const name = string();
      if (Object.hasOwn(record, name)) fail(`duplicate member name ${JSON.stringify(name)}`, at);
      skipWhitespace();
      expect(':');
      // defineProperty, as JSON.parse does: "__proto__" is an ordinary member.
      const member = { value: value(depth), writable: true, enumerable: true, configurable: true };
      Object.defineProperty(record, name, member);
    } while (next('}'));
    return record;
  };
  const array = (depth: number): unknown[] => {
    const items: unknown[] = [];
    if (closes(']')) return items;
    do items.push(value(depth));
    while (next(']'));
    return items;
  };
  const value = (depth: number): unknown => {
    skipWhitespace();
    const char = text[position];
    if (char === '{' || char === '[') {
      if (depth >= MAX_JSON_DEPTH) {
        throw error('depth', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
      }
      position++;
      return char === '{' ? object(depth + 1) : array(depth + 1);
    }
    if (char === '"') return string();
    for (const [word, literal] of WORDS) {
      if (text.startsWith(word, position)) {
        position += word.length;
        return literal;
      }
    }
    const number = sticky(NUMBER);
    if (number === null) return fail(char === undefined ? 'unexpected end of JSON' : 'unexpected character');
    return Number(number[0]);
  };

  if (LONE_SURROGATE.test(text))
    fail('lone surrogate in the text (not valid Unicode)', text.search(LONE_SURROGATE));
  const result = value(0);
  skipWhitespace();
  if (position !== text.length) fail('unexpected text after the JSON value');
  return result;
}
