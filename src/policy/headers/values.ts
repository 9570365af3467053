import { READ_NAMES } from './names.js';

/** The values of the headers the policy functions read, from {@link readHeaders}. */
export type HeaderValues = readonly (string | undefined)[];

/** Each name read → its slot in the values array. */
const SLOT: ReadonlyMap<string, number> = new Map(READ_NAMES.map((name, slot) => [name, slot]));
/** First characters of the names read: a cheap filter before any case folding. */
const READ_FIRST: ReadonlySet<number> = new Set(READ_NAMES.map((name) => name.charCodeAt(0)));

/** The slot of header `name` (any letter case), or `undefined` when the policy functions do not read it. */
function slotOf(name: unknown): number | undefined {
  if (typeof name !== 'string') return undefined;
  const slot = SLOT.get(name);
  // Every name read is lower-case ASCII; `| 0x20` folds an ASCII letter to lower case.
  if (slot !== undefined || !READ_FIRST.has(name.charCodeAt(0) | 0x20)) return slot;
  return SLOT.get(name.toLowerCase());
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return asString((value as unknown[])[0]);
  return undefined;
}

/** Stores a usable `value` in `slot`; when a name comes in several letter cases, the lower-case one wins. */
function store(values: (string | undefined)[], slot: number, name: string, value: unknown): void {
  const text = asString(value);
  if (text !== undefined && (values[slot] === undefined || name === READ_NAMES[slot])) values[slot] = text;
}

/** Every slot empty; full length so that reads by slot stay in bounds. */
const NO_VALUES: HeaderValues = Object.freeze(new Array<undefined>(READ_NAMES.length).fill(undefined));

type ForEachSource = { forEach: (callback: (value: unknown, name: unknown) => void) => void };
type GetSource = { get: (name: string) => unknown };

/**
 * Reads `headers` once and never throws: `forEach` for `Headers` and `Map`s, own enumerable
 * keys for records, `get` by name otherwise. Only the names the policy functions use are kept,
 * each in its fixed slot ({@link headerSlot}), so reading one afterwards is an array access. A
 * getter, proxy or `get` that throws loses only what it would have returned.
 */
export function readHeaders(headers: unknown): HeaderValues {
  if (headers === null || typeof headers !== 'object') return NO_VALUES;
  const values = new Array<string | undefined>(READ_NAMES.length);
  const source = headers as Partial<ForEachSource & GetSource>;
  try {
    if (typeof source.forEach === 'function') {
      source.forEach((value, name) => {
        const slot = slotOf(name);
        if (slot !== undefined) store(values, slot, name as string, value);
      });
    } else if (typeof source.get === 'function') {
      const byName = source as GetSource;
      READ_NAMES.forEach((name, slot) => {
        try {
          store(values, slot, name, byName.get(name));
        } catch {
          // this header is unreadable; the others still count
        }
      });
    } else {
      const record = headers as Readonly<Record<string, unknown>>;
      for (const key in record) {
        const slot = slotOf(key);
        if (slot === undefined || !Object.hasOwn(record, key)) continue;
        try {
          store(values, slot, key, record[key]);
        } catch {
          // a getter that throws: this header is unreadable, the others still count
        }
      }
    }
  } catch {
    // a proxy or `forEach` that throws: keep what was read before it did
  }
  return values;
}

/** The slot of a name from `READ_NAMES` in {@link HeaderValues}, for callers that read by index. */
export function headerSlot(name: string): number {
  const slot = SLOT.get(name);
  if (slot === undefined) throw new RangeError(`${name} is not a header the policy functions read`);
  return slot;
}

/** Whether `text` starts or ends with a space or control character (the cheap test before a trim). */
function hasOuterSpace(text: string): boolean {
  return text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
}

/** A non-negative decimal number (`12`, `0.5`), or `undefined` for anything else. */
export function parseDecimal(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = hasOuterSpace(value) ? value.trim() : value;
  if (text.length === 0 || text.length > 32) return undefined;
  let dot = false;
  let integer = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && !dot && i > 0 && i < text.length - 1) dot = true;
    else if (c < 48 || c > 57) return undefined;
    else integer = integer * 10 + (c - 48);
  }
  // Up to 15 digits the running integer is exact; anything else is left to Number.
  return dot || text.length > 15 ? Number(text) : integer;
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

/** The number written by the two ASCII digits at `from`, or -1. */
function twoDigits(text: string, from: number): number {
  const high = text.charCodeAt(from) - 48;
  const low = text.charCodeAt(from + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

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
 * Days from 1970-01-01 to a proleptic Gregorian date (month 1–12) for any year 0–9999, by
 * Howard Hinnant's `days_from_civil` ("chrono-Compatible Low-Level Date Algorithms"). Unlike
 * `Date.UTC`, it does not move years 0–99 into the 1900s.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * An RFC 3339 timestamp (`2025-11-21T00:15:01Z`, `…T01:15:01.5+01:00`) in epoch milliseconds,
 * or `undefined`. Parsed by hand: strict, and without `Date.parse`'s leniency or cost.
 */
export function parseRfc3339(value: string | undefined): number | undefined {
  if (value === undefined || value.length > 40) return undefined;
  const t = hasOuterSpace(value) ? value.trim() : value;
  const century = twoDigits(t, 0);
  const yearOfCentury = twoDigits(t, 2);
  const year = century * 100 + yearOfCentury;
  const month = twoDigits(t, 5);
  const day = twoDigits(t, 8);
  const hour = twoDigits(t, 11);
  const minute = twoDigits(t, 14);
  const second = twoDigits(t, 17);
  const separator = t.charCodeAt(10) | 0x20; // 'T', 't' → 't'; ' ' stays ' '
  if (
    t.charCodeAt(4) !== 0x2d || // -
    t.charCodeAt(7) !== 0x2d ||
    t.charCodeAt(13) !== 0x3a || // :
    t.charCodeAt(16) !== 0x3a ||
    (separator !== 0x74 && separator !== 0x20)
  ) {
    return undefined;
  }
  if (
    century < 0 ||
    yearOfCentury < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  ) {
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
    const n = i - start;
    if (n === 0 || n > 9) return undefined;
    const digits = digitsAt(t, start, n); // scaled so that whole milliseconds stay exact
    fraction = n <= 3 ? digits * 10 ** (3 - n) : digits / 10 ** (n - 3);
  }
  let offsetMinutes = 0;
  if ((t.charCodeAt(i) | 0x20) !== 0x7a || i + 1 !== t.length) {
    const sign = t[i] === '+' ? 1 : t[i] === '-' ? -1 : 0;
    const offsetHours = twoDigits(t, i + 1);
    const offsetMins = twoDigits(t, i + 4);
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
  const seconds = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second;
  return seconds * 1000 + fraction;
}

const RETRY_AFTER_MS = headerSlot('retry-after-ms');
const RETRY_AFTER = headerSlot('retry-after');
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * `retry-after-ms` (milliseconds), else `retry-after` as seconds or an HTTP date, as a delay in
 * milliseconds from `now`. Negative results (dates in the past) become 0.
 */
export function retryAfterMs(values: HeaderValues, now: number): number | undefined {
  const ms = parseDecimal(values[RETRY_AFTER_MS]);
  if (ms !== undefined) return ms;
  const raw = values[RETRY_AFTER];
  const seconds = parseDecimal(raw);
  if (seconds !== undefined) return seconds * 1000;
  if (raw === undefined || !HTTP_DATE.test(raw.trim())) return undefined;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
