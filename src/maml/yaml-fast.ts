import type { MamlLimits } from './options.js';
import type { MamlPath } from './types.js';

/** A value's location in the YAML text, as offsets (key absent for sequence items). */
export interface FastField {
  readonly path: MamlPath;
  readonly key: readonly [number, number] | undefined;
  value: [number, number];
}

/** A plain scalar the YAML reader turned into something else than the user may mean. */
export interface FastNotice {
  readonly kind: 'version' | 'timestamp';
  readonly path: MamlPath;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What {@link parseSimpleYaml} produces: the same data, locations and notices as the full reader. */
export interface FastYaml {
  readonly value: Record<string, unknown> | null;
  readonly fields: FastField[];
  readonly notices: FastNotice[];
}

interface Frame {
  readonly indent: number;
  readonly seq: boolean;
  readonly value: Record<string, unknown> | unknown[];
  readonly path: MamlPath;
  /** The field whose value this collection is (absent for the root). */
  readonly field: FastField | undefined;
}

interface Pending {
  readonly indent: number;
  readonly key: string;
  /** The key's field; its value stays the empty range at the end of the key's line unless a collection follows. */
  readonly field: FastField;
}

/** Longest mapping key, in characters (YAML's own bound for implicit keys). */
export const MAX_KEY_LENGTH: number = 1024;

/** Characters YAML 1.1 readers take as line breaks and YAML 1.2 readers do not. */
export const AMBIGUOUS_LINE_BREAK: RegExp = /[\u0085\u2028\u2029]/;

const SPECIAL_KEY = /^(?:null|true|false)$/i;
const INT = /^[-+]?\d{1,15}$/;
const FLOAT = /^\d{1,15}\.\d{1,15}$/;
const CORE_NUMBER = /^[-+]?\.?(?:\d|inf|nan)/i;
/** A plain scalar start the reader handles: no indicator character (`-`, `?`, `:` included). */
const PLAIN_START = /^[^\s!"#%&'*,:>?@[\]`{|}-]/;
/** Top-level keys whose unquoted numbers are read as the text written. */
const VERSION_KEYS: ReadonlySet<string> = new Set(['maml_version', 'mu_version', 'version']);
/** A YAML 1.1 timestamp: what YAML 1.1 readers would turn into a date. */
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[ \t]*(?:Z|[+-]\d{1,2}(?::\d{2})?))?)?$/;

/**
 * The notice a plain (unquoted) scalar at `path` that resolved to `value` earns: `version` for a
 * number under a top-level {@link VERSION_KEYS} key (read as the text written instead),
 * `timestamp` for a string YAML 1.1 readers would turn into a date. Shared by both readers.
 */
export function plainNotice(path: MamlPath, value: unknown): FastNotice['kind'] | undefined {
  if (typeof value === 'number') {
    const key = path.length === 1 ? path[0] : undefined;
    return typeof key === 'string' && VERSION_KEYS.has(key) ? 'version' : undefined;
  }
  return typeof value === 'string' && TIMESTAMP.test(value) ? 'timestamp' : undefined;
}

/** Sets a key as own data, `__proto__` included. */
export function putKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

/** Whether `c` may start a plain key (`[A-Za-z_]`). */
function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** Whether `c` may continue a plain key (`[\w.-]`). */
function isKeyPart(c: number): boolean {
  return isKeyStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

/**
 * End of a plain key at `p` (`[A-Za-z_][\w.-]*` followed by `:` and a space, a line break
 * or the end of the text), or -1 when none starts there.
 */
function keyEnd(raw: string, p: number): number {
  if (!isKeyStart(raw.charCodeAt(p))) return -1;
  let q = p + 1;
  while (isKeyPart(raw.charCodeAt(q))) q++;
  if (raw.charCodeAt(q) !== 58) return -1;
  const after = raw.charCodeAt(q + 1);
  return q + 1 === raw.length || after === 32 || after === 10 || after === 13 ? q : -1;
}

/** Thrown inside the fast reader when the text leaves the supported subset. */
const OUT_OF_SUBSET = Symbol('out of subset');

function bail(): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- private control-flow marker, caught below
  throw OUT_OF_SUBSET;
}

/** Resolves a plain scalar like the YAML 1.2 core schema; leaves the subset for anything but the common forms. */
function plainValue(text: string): unknown {
  if (text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (INT.test(text) || FLOAT.test(text)) return Number(text);
  if (
    CORE_NUMBER.test(text) &&
    /^[-+]?(?:0[box][\da-f]+|\.(?:inf|nan)|(?:\.\d+|\d+(?:\.\d*)?)(?:e[-+]?\d+)?)$/i.test(text)
  )
    bail();
  return text;
}

class Reader {
  readonly fields: FastField[] = [];
  readonly notices: FastNotice[] = [];
  nodes = 0;
  /** Collections open around the value being read. */
  depth = 0;

  constructor(
    readonly raw: string,
    readonly limits: MamlLimits,
  ) {}

  count(): void {
    if (++this.nodes > this.limits.maxYamlNodes) bail();
  }

  /** Reads one scalar or one-line flow sequence at `start`; returns the value and the end offset. */
  scalar(start: number, end: number, path: MamlPath): { value: unknown; end: number } {
    const raw = this.raw;
    const c = raw[start];
    this.count();
    if (c === '"' || c === "'") {
      const close = raw.indexOf(c, start + 1);
      if (close === -1 || close >= end) bail();
      const inner = raw.slice(start + 1, close);
      if ((c === '"' && inner.includes('\\')) || (c === "'" && raw[close + 1] === "'")) bail();
      return { value: inner, end: close + 1 };
    }
    if (c === '[') return this.flowSequence(start, end, path);
    const slice = raw.slice(start, end);
    if (!PLAIN_START.test(slice)) bail();
    const comment = slice.indexOf(' #');
    const text = (comment === -1 ? slice : slice.slice(0, comment)).trimEnd();
    if (text.includes(': ') || text.endsWith(':') || text.includes('\t')) bail();
    return this.plain(start, text, path);
  }

  /** Resolves the plain scalar `text` written at `start`, recording its notice if it earns one. */
  plain(start: number, text: string, path: MamlPath): { value: unknown; end: number } {
    const value = plainValue(text);
    const end = start + text.length;
    const kind = plainNotice(path, value);
    if (kind === undefined) return { value, end };
    this.notices.push({ kind, path, start, end, text });
    return { value: kind === 'version' ? text : value, end };
  }

  flowSequence(start: number, end: number, path: MamlPath): { value: unknown[]; end: number } {
    if (this.depth >= this.limits.maxNestingDepth) bail();
    const raw = this.raw;
    const items: unknown[] = [];
    let p = start + 1;
    while (raw[p] === ' ') p++;
    if (raw[p] === ']') return { value: items, end: p + 1 };
    for (;;) {
      const itemPath = [...path, items.length];
      let itemEnd: number;
      let value: unknown;
      const c = raw[p];
      if (c === '"' || c === "'") {
        ({ value, end: itemEnd } = this.scalar(p, end, itemPath));
      } else {
        let q = p;
        while (q < end && raw[q] !== ',' && raw[q] !== ']') q++;
        const text = raw.slice(p, q).trimEnd();
        if (text === '' || !PLAIN_START.test(text) || /[[{}#:]/.test(text)) bail();
        this.count();
        ({ value, end: itemEnd } = this.plain(p, text, itemPath));
      }
      this.fields.push({ path: itemPath, key: undefined, value: [p, itemEnd] });
      items.push(value);
      p = itemEnd;
      while (raw[p] === ' ') p++;
      if (raw[p] === ']') return { value: items, end: p + 1 };
      if (raw[p] !== ',') bail();
      p++;
      while (raw[p] === ' ') p++;
      if (p >= end) bail();
    }
  }

  /** Checks that only spaces and a comment follow `from` on the line. */
  rest(from: number, end: number): void {
    let p = from;
    while (p < end && this.raw[p] === ' ') p++;
    if (p < end && !(this.raw[p] === '#' && p > from)) bail();
  }
}

/**
 * Reads the common subset of YAML found in MAML front matter (block mappings with plain
 * keys, block sequences of scalars, one-line flow sequences, simple quoted and plain
 * scalars, comments) without building a syntax tree. Returns `undefined` as soon as the
 * text uses anything else (anchors, tags, block scalars, escapes, flow mappings, multi-line
 * scalars, duplicate keys, …), so the caller falls back to the full YAML parser; on the
 * subset the result equals the full reader's (checked by a differential test).
 */
export function parseSimpleYaml(raw: string, limits: MamlLimits): FastYaml | undefined {
  const reader = new Reader(raw, limits);
  try {
    return read(reader);
  } catch (error) {
    if (error === OUT_OF_SUBSET) return undefined;
    throw error;
  }
}

function read(reader: Reader): FastYaml {
  const { raw } = reader;
  if ((raw.indexOf('\r') !== -1 && /\r(?!\n)/.test(raw)) || AMBIGUOUS_LINE_BREAK.test(raw)) bail();
  reader.count();
  const root: Record<string, unknown> = {};
  const stack: Frame[] = [{ indent: 0, seq: false, value: root, path: [], field: undefined }];
  let pending: Pending | undefined;
  let lastLineEnd = 0;
  /** Whether the last line read was a key with an empty value (yaml then ends the collection's range early). */
  let emptyLast = false;
  const close = (frame: Frame): void => {
    if (frame.field === undefined) return;
    if (emptyLast) bail();
    frame.field.value[1] = lastLineEnd;
  };
  let lineStart = 0;
  while (lineStart < raw.length) {
    const newline = raw.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? raw.length : newline + 1;
    let end = newline === -1 ? raw.length : newline;
    if (raw[end - 1] === '\r') end--;
    let p = lineStart;
    while (p < end && raw[p] === ' ') p++;
    const c = raw[p];
    if (p === end || c === '#') {
      // yaml counts a comment indented past an open nested collection (or an empty value) into its range.
      const open = Math.min(stack[1]?.indent ?? Infinity, pending?.indent ?? Infinity);
      if (c === '#' && p - lineStart > open) bail();
      lineStart = lineEnd;
      continue;
    }
    if (c === '\t') bail();
    const indent = p - lineStart;
    const item = c === '-' && (raw[p + 1] === ' ' || p + 1 === end);
    if (pending !== undefined) {
      const parent = stack[stack.length - 1] as Frame;
      if (indent > pending.indent || (item && indent === pending.indent)) {
        if (stack.length >= reader.limits.maxNestingDepth) bail();
        reader.count();
        const value: Record<string, unknown> | unknown[] = item ? [] : {};
        putKey(parent.value as Record<string, unknown>, pending.key, value);
        pending.field.value = [p, p];
        stack.push({ indent, seq: item, value, path: pending.field.path, field: pending.field });
      } else {
        reader.count();
        emptyLast = true;
      }
      pending = undefined;
    }
    let top = stack[stack.length - 1] as Frame;
    while (indent < top.indent || (top.seq && indent === top.indent && !item && stack.length > 1)) {
      close(top);
      stack.pop();
      top = stack[stack.length - 1] as Frame;
    }
    if (indent !== top.indent) bail();
    reader.depth = stack.length;
    if (top.seq) {
      if (!item || p + 1 === end) bail();
      const list = top.value as unknown[];
      let s = p + 2;
      while (s < end && raw[s] === ' ') s++;
      const path = [...top.path, list.length];
      // A key after the dash is a mapping inside a sequence item: outside the subset.
      if (s === end || keyEnd(raw, s) !== -1) bail();
      const field: FastField = { path, key: undefined, value: [s, s] };
      reader.fields.push(field);
      const { value, end: valueEnd } = reader.scalar(s, end, path);
      reader.rest(valueEnd, end);
      field.value = [s, valueEnd];
      list.push(value);
    } else {
      const colon = keyEnd(raw, p);
      if (colon === -1) bail();
      if (colon - p > MAX_KEY_LENGTH) bail();
      const key = raw.slice(p, colon);
      const map = top.value as Record<string, unknown>;
      if ((colon - p === 4 || colon - p === 5) && SPECIAL_KEY.test(key)) bail();
      if (Object.hasOwn(map, key)) bail();
      reader.count();
      const path = [...top.path, key];
      let s = colon + 1;
      while (s < end && raw[s] === ' ') s++;
      const field: FastField = { path, key: [p, colon], value: [s, s] };
      reader.fields.push(field);
      if (s === end) {
        pending = { indent, key, field };
        putKey(map, key, null);
      } else {
        const { value, end: valueEnd } = reader.scalar(s, end, path);
        reader.rest(valueEnd, end);
        field.value = [s, valueEnd];
        putKey(map, key, value);
      }
    }
    emptyLast = false;
    lastLineEnd = lineEnd;
    lineStart = lineEnd;
  }
  if (pending !== undefined) {
    reader.count();
    emptyLast = true;
  }
  while (stack.length > 1) close(stack.pop() as Frame);
  // Every line that is not blank or a comment records a field.
  return { value: reader.fields.length > 0 ? root : null, fields: reader.fields, notices: reader.notices };
}
