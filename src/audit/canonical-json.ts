import { AuditError } from './errors.js';

/** A JSON value as the audit format allows it in `details`. */
export type AuditJson = null | boolean | number | string | readonly AuditJson[] | AuditJsonObject;

/** A JSON object in `details`. */
export interface AuditJsonObject {
  readonly [key: string]: AuditJson;
}

/** Limits on one canonical JSON value. */
export interface CanonicalLimits {
  /** Most UTF-16 code units of output before giving up (the byte limit is checked by the caller). */
  readonly maxChars: number;
  /** Deepest nesting of arrays and objects; the value itself is level 1. */
  readonly maxDepth: number;
}

function formatError(path: string, what: string): AuditError {
  return new AuditError('ERR_AUDIT_ENTRY_FORMAT', `${path} ${what}`);
}

/** True when `text` has no lone surrogate (it can be encoded as UTF-8 without loss). */
function isWellFormed(text: string): boolean {
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
 * Checks that a string is well formed and in Unicode Normalization Form C. The audit format
 * rejects other strings rather than normalising them, so that the signed bytes are always
 * the caller's own (docs/spec/audit.md, "Strings").
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` naming `path`.
 */
export function checkUnicode(text: string, path: string): string {
  if (!isWellFormed(text)) throw formatError(path, 'holds a lone surrogate (not valid Unicode)');
  if (text.normalize('NFC') !== text) {
    throw formatError(
      path,
      'is not in Unicode Normalization Form C: normalise it (text.normalize("NFC")) first',
    );
  }
  return text;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Writes a value as RFC 8785 (JCS) canonical JSON: object members sorted by UTF-16 code
 * units, no whitespace, numbers and string escapes as ECMAScript `JSON.stringify` writes
 * them. Refuses what JSON cannot carry exactly (non-finite numbers, `undefined`, functions,
 * symbols, bigints, class instances, symbol keys, sparse arrays), lone surrogates and
 * strings (values and keys) that are not NFC.
 *
 * @throws {AuditError} `ERR_AUDIT_ENTRY_FORMAT` naming the path of the bad value,
 * `ERR_LIMIT_EXCEEDED` when the output or the nesting outgrows `limits`.
 */
export function canonicalJson(value: unknown, path: string, limits: CanonicalLimits): string {
  const state: Writer = { out: '', limits, path };
  write(state, value, path, 0);
  return state.out;
}

interface Writer {
  out: string;
  readonly limits: CanonicalLimits;
  readonly path: string;
}

function emit(state: Writer, text: string): void {
  state.out += text;
  if (state.out.length > state.limits.maxChars) {
    throw new AuditError(
      'ERR_LIMIT_EXCEEDED',
      `${state.path} is larger than ${state.limits.maxChars} characters`,
    );
  }
}

function write(state: Writer, item: unknown, at: string, depth: number): void {
  switch (typeof item) {
    case 'string':
      emit(state, JSON.stringify(checkUnicode(item, at)));
      return;
    case 'number':
      if (!Number.isFinite(item)) throw formatError(at, 'is not a finite number');
      emit(state, JSON.stringify(item));
      return;
    case 'boolean':
      emit(state, item ? 'true' : 'false');
      return;
    case 'object':
      if (item === null) emit(state, 'null');
      else if (depth >= state.limits.maxDepth) {
        throw new AuditError('ERR_LIMIT_EXCEEDED', `${at} nests deeper than ${state.limits.maxDepth} levels`);
      } else if (Array.isArray(item)) writeArray(state, item, at, depth + 1);
      else if (isPlainObject(item)) writeObject(state, item as Record<string, unknown>, at, depth + 1);
      else throw formatError(at, 'is not a plain JSON object');
      return;
    default:
      throw formatError(at, `is ${typeof item === 'undefined' ? 'undefined' : `a ${typeof item}`}, not JSON`);
  }
}

function writeArray(state: Writer, items: readonly unknown[], at: string, depth: number): void {
  emit(state, '[');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) emit(state, ',');
    if (!(i in items)) throw formatError(`${at}[${i}]`, 'is a hole in a sparse array');
    write(state, items[i], `${at}[${i}]`, depth);
  }
  emit(state, ']');
}

function writeObject(state: Writer, object: Record<string, unknown>, at: string, depth: number): void {
  if (Object.getOwnPropertySymbols(object).length > 0) throw formatError(at, 'has a symbol key');
  const keys = Object.keys(object).sort();
  emit(state, '{');
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const member = `${at}.${key}`;
    emit(state, `${i > 0 ? ',' : ''}${JSON.stringify(checkUnicode(key, `${member} (key)`))}:`);
    write(state, object[key], member, depth);
  }
  emit(state, '}');
}
