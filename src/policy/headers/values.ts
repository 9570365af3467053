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

/** The record's keys folded to lower case, or `null` when they already are. */
function foldKeys(record: Readonly<Record<string, unknown>>): ReadonlyMap<string, unknown> | null {
  const keys = Object.keys(record);
  if (keys.every((key) => key === key.toLowerCase())) return null;
  return new Map(keys.map((key) => [key.toLowerCase(), record[key]]));
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
  // Lower-case keys are read directly; the keys are folded only if a name is missing.
  let folded: ReadonlyMap<string, unknown> | null | undefined;
  return (name) => {
    try {
      if (Object.hasOwn(record, name)) return asString(record[name]);
      folded ??= foldKeys(record);
      return folded === null ? undefined : asString(folded.get(name));
    } catch {
      return undefined; // a getter or proxy that throws
    }
  };
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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `count` ASCII digits at `from`, or -1. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * An RFC 3339 timestamp (`2025-11-21T00:15:01Z`, `…T01:15:01.5+01:00`) in epoch milliseconds,
 * or `undefined`. Parsed by hand: strict, and without `Date.parse`'s leniency or cost.
 */
export function parseRfc3339(value: string | undefined): number | undefined {
  if (value === undefined || value.length > 40) return undefined;
  const t = value.trim();
  const year = digitsAt(t, 0, 4);
  const month = digitsAt(t, 5, 2);
  const day = digitsAt(t, 8, 2);
  const hour = digitsAt(t, 11, 2);
  const minute = digitsAt(t, 14, 2);
  const second = digitsAt(t, 17, 2);
  const separator = t.charCodeAt(10) | 0x20; // 'T', 't' → 't'; ' ' stays ' '
  if (
    t[4] !== '-' ||
    t[7] !== '-' ||
    t[13] !== ':' ||
    t[16] !== ':' ||
    (separator !== 0x74 && separator !== 0x20)
  ) {
    return undefined;
  }
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return undefined;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > monthDays || second < 0 || second > 59) return undefined;
  let i = 19;
  let fraction = 0;
  if (t[i] === '.') {
    const start = ++i;
    while (i < t.length && digitsAt(t, i, 1) >= 0) i++;
    if (i === start || i - start > 9) return undefined;
    fraction = Number(`0.${t.slice(start, i)}`) * 1000;
  }
  let offsetMinutes = 0;
  if ((t.charCodeAt(i) | 0x20) !== 0x7a || i + 1 !== t.length) {
    const sign = t[i] === '+' ? 1 : t[i] === '-' ? -1 : 0;
    const offsetHours = digitsAt(t, i + 1, 2);
    const offsetMins = digitsAt(t, i + 4, 2);
    if (
      sign === 0 ||
      t[i + 3] !== ':' ||
      i + 6 !== t.length ||
      offsetHours < 0 ||
      offsetHours > 23 ||
      offsetMins < 0 ||
      offsetMins > 59
    ) {
      return undefined;
    }
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) + fraction - offsetMinutes * 60_000;
}

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

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
