/** A `Headers` object, or a plain record of header names to values of any shape. */
export type HeadersInput =
  { readonly get: (name: string) => string | null } | Readonly<Record<string, unknown>>;

/** Reads one header (lower-case `name`) as a string, or `undefined` when absent or unusable. */
export type HeaderReader = (name: string) => string | undefined;

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return asString((value as unknown[])[0]);
  return undefined;
}

function hasUpperCase(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return true;
  }
  return false;
}

function hasGet(headers: HeadersInput): headers is { readonly get: (name: string) => string | null } {
  return typeof (headers as { get?: unknown }).get === 'function';
}

/**
 * A reader over `headers` that never throws: a `Headers` object, a record with lower-case
 * keys (read directly) or any other record (keys folded to lower case once).
 */
export function headerReader(headers: unknown): HeaderReader {
  if (headers === null || typeof headers !== 'object') return () => undefined;
  const input = headers as HeadersInput;
  if (hasGet(input)) {
    return (name) => {
      try {
        return asString(input.get(name));
      } catch {
        return undefined;
      }
    };
  }
  const record: Readonly<Record<string, unknown>> = input;
  for (const key in record) {
    if (Object.hasOwn(record, key) && hasUpperCase(key)) {
      const folded = new Map<string, unknown>();
      for (const [k, value] of Object.entries(record)) folded.set(k.toLowerCase(), value);
      return (name) => asString(folded.get(name));
    }
  }
  return (name) => (Object.hasOwn(record, name) ? asString(record[name]) : undefined);
}

/** A non-negative decimal number (`12`, `0.5`), or `undefined` for anything else. */
export function parseDecimal(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 32) return undefined;
  let dot = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && !dot && i > 0 && i < text.length - 1) dot = true;
    else if (c < 48 || c > 57) return undefined;
  }
  return Number(text);
}

const UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 1e-3,
  µs: 1e-3,
  ns: 1e-6,
};

/**
 * A Go-style duration (`1s`, `6m0s`, `20ms`, `23h47m36.648s`) in milliseconds, or
 * `undefined` when the text is not one.
 */
export function parseGoDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 64) return undefined;
  if (text === '0') return 0;
  let total = 0;
  let i = 0;
  while (i < text.length) {
    const numberStart = i;
    while (i < text.length && ((text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) || text[i] === '.'))
      i++;
    const amount = parseDecimal(text.slice(numberStart, i));
    const unitStart = i;
    while (i < text.length && !(text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) && text[i] !== '.') i++;
    const unit = text.slice(unitStart, i);
    const scale = Object.hasOwn(UNIT_MS, unit) ? UNIT_MS[unit] : undefined;
    if (amount === undefined || scale === undefined) return undefined;
    total += amount * scale;
  }
  return total;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:z|[+-]\d{2}:\d{2})$/i;

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** An RFC 3339 timestamp in epoch milliseconds, or `undefined`. */
export function parseRfc3339(value: string | undefined): number | undefined {
  if (value === undefined || value.length > 40 || !RFC3339.test(value.trim())) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * `retry-after-ms` (milliseconds), else `retry-after` as seconds or an HTTP date, as a delay in
 * milliseconds from `now`. Negative results (dates in the past) become 0.
 */
export function retryAfterMs(read: HeaderReader, now: number): number | undefined {
  const ms = parseDecimal(read('retry-after-ms'));
  if (ms !== undefined) return ms;
  const raw = read('retry-after');
  const seconds = parseDecimal(raw);
  if (seconds !== undefined) return seconds * 1000;
  if (raw === undefined || !HTTP_DATE.test(raw.trim())) return undefined;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
