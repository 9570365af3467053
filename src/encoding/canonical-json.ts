/**
 * The one canonical JSON writer (RFC 8785, JCS), shared by the audit format and the policy cache
 * keys (internal: not a subpath). Each caller states its rules and turns a refusal into its own
 * typed error.
 */

/** Why a value was refused: it is not JSON the rules accept, or it outgrows a limit. */
export type CanonicalJsonProblem = 'format' | 'limit';

/** What a caller of {@link writeCanonicalJson} accepts and how it reports a refusal. */
export interface CanonicalJsonRules {
  /** Most UTF-16 code units of output before giving up. */
  readonly maxChars: number;
  /** Deepest nesting of arrays and objects; the value itself is level 1. */
  readonly maxDepth: number;
  /**
   * `refuse`: `undefined` anywhere, and holes in arrays, are errors (the input must be JSON).
   * `like-stringify`: `undefined` members are left out and `undefined` array items or holes
   * are written as `null`, as `JSON.stringify` sends them.
   */
  readonly undefinedValues: 'refuse' | 'like-stringify';
  /** Also refuse strings (values and keys) that are not in Unicode Normalization Form C. */
  readonly requireNfc: boolean;
  /** Builds the error thrown for a refused value; `message` starts with the value's path. */
  readonly fail: (problem: CanonicalJsonProblem, message: string) => Error;
}

/** True when `text` has no lone surrogate (it can be encoded as UTF-8 without loss). */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/**
 * Why a string cannot be written under `requireNfc`, or `undefined` when it can: a lone
 * surrogate is never JSON (RFC 8785 takes I-JSON input), a string that is not NFC only when
 * the caller asks for NFC.
 */
export function unicodeProblem(text: string, requireNfc: boolean): string | undefined {
  if (!isWellFormed(text)) return 'holds a lone surrogate (not valid Unicode)';
  if (requireNfc && text.normalize('NFC') !== text) {
    return 'is not in Unicode Normalization Form C: normalise it (text.normalize("NFC")) first';
  }
  return undefined;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Writes a value as RFC 8785 (JCS) canonical JSON: object members sorted by UTF-16 code units,
 * no whitespace, numbers and string escapes as ECMAScript `JSON.stringify` writes them. Refuses
 * what JSON cannot carry exactly (non-finite numbers, functions, symbols, bigints, class
 * instances, symbol keys), lone surrogates, and what `rules` refuse besides (`undefined`,
 * strings that are not NFC, output or nesting over the limits); a cycle is refused by the depth
 * limit. `path` names the value in error messages (`details.a[0].b`).
 *
 * @example
 * ```ts
 * const rules = { maxChars: 1e6, maxDepth: 16, undefinedValues: 'refuse', requireNfc: false,
 *   fail: (_problem, message) => new Error(message) } as const;
 * writeCanonicalJson({ b: 1, a: [true, null] }, 'value', rules); // '{"a":[true,null],"b":1}'
 * ```
 */
export function writeCanonicalJson(value: unknown, path: string, rules: CanonicalJsonRules): string {
  const state: Writer = { out: '', rules, path };
  write(state, value, path, 0);
  return state.out;
}

interface Writer {
  out: string;
  readonly rules: CanonicalJsonRules;
  readonly path: string;
}

function emit(state: Writer, text: string): void {
  state.out += text;
  if (state.out.length > state.rules.maxChars) {
    throw state.rules.fail('limit', `${state.path} is larger than ${state.rules.maxChars} characters`);
  }
}

function writeString(state: Writer, text: string, at: string): void {
  const problem = unicodeProblem(text, state.rules.requireNfc);
  if (problem !== undefined) throw state.rules.fail('format', `${at} ${problem}`);
  emit(state, JSON.stringify(text));
}

function write(state: Writer, item: unknown, at: string, depth: number): void {
  switch (typeof item) {
    case 'string':
      writeString(state, item, at);
      return;
    case 'number':
      if (!Number.isFinite(item)) throw state.rules.fail('format', `${at} is not a finite number`);
      emit(state, JSON.stringify(item));
      return;
    case 'boolean':
      emit(state, item ? 'true' : 'false');
      return;
    case 'object':
      if (item === null) emit(state, 'null');
      else if (depth >= state.rules.maxDepth) {
        throw state.rules.fail('limit', `${at} nests deeper than ${state.rules.maxDepth} levels`);
      } else if (Array.isArray(item)) writeArray(state, item, at, depth + 1);
      else if (isPlainObject(item)) writeObject(state, item as Record<string, unknown>, at, depth + 1);
      else throw state.rules.fail('format', `${at} is not a plain JSON object`);
      return;
    default:
      throw state.rules.fail(
        'format',
        `${at} is ${typeof item === 'undefined' ? 'undefined' : `a ${typeof item}`}, not JSON`,
      );
  }
}

function writeArray(state: Writer, items: readonly unknown[], at: string, depth: number): void {
  const likeStringify = state.rules.undefinedValues === 'like-stringify';
  emit(state, '[');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) emit(state, ',');
    const item = items[i];
    if (likeStringify && item === undefined) emit(state, 'null');
    else if (!(i in items)) throw state.rules.fail('format', `${at}[${i}] is a hole in a sparse array`);
    else write(state, item, `${at}[${i}]`, depth);
  }
  emit(state, ']');
}

function writeObject(state: Writer, object: Record<string, unknown>, at: string, depth: number): void {
  if (Object.getOwnPropertySymbols(object).length > 0)
    throw state.rules.fail('format', `${at} has a symbol key`);
  const likeStringify = state.rules.undefinedValues === 'like-stringify';
  const keys = Object.keys(object).sort();
  emit(state, '{');
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (likeStringify && member === undefined) continue;
    const memberPath = `${at}.${key}`;
    const problem = unicodeProblem(key, state.rules.requireNfc);
    if (problem !== undefined) throw state.rules.fail('format', `${memberPath} (key) ${problem}`);
    emit(state, `${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    write(state, member, memberPath, depth);
  }
  emit(state, '}');
}
