/** Whether `text` starts or ends with a space or control character (the cheap test before a trim). */
export function hasOuterSpace(text: string): boolean {
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

/** Whether a character code is an ASCII digit or a dot: the characters of a Go duration's amounts. */
function isAmountChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46;
}

/**
 * Milliseconds per unit of the Go duration unit written from `from` to `to`: `h`, `m`, `s`,
 * `ms`, `us` (also `µs` with the micro sign and `μs` with the Greek mu, as Go accepts) and
 * `ns`; `undefined` for anything else.
 */
function unitMs(text: string, from: number, to: number): number | undefined {
  const first = text.charCodeAt(from);
  if (to - from === 1)
    return first === 0x68 ? 3_600_000 : first === 0x6d ? 60_000 : first === 0x73 ? 1000 : undefined;
  if (to - from !== 2 || text.charCodeAt(from + 1) !== 0x73) return undefined;
  if (first === 0x6d) return 1;
  if (first === 0x75 || first === 0xb5 || first === 0x3bc) return 1e-3;
  return first === 0x6e ? 1e-6 : undefined;
}

/**
 * A Go-style duration (`1s`, `6m0s`, `20ms`, `23h47m36.648s`) in milliseconds, or
 * `undefined` when the text is not one. Whole amounts are read while they are scanned; one with
 * a dot, or longer than 15 digits, goes through {@link parseDecimal}.
 */
export function parseGoDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = hasOuterSpace(value) ? value.trim() : value;
  if (text.length === 0 || text.length > 64) return undefined;
  if (text === '0') return 0;
  let total = 0;
  let i = 0;
  while (i < text.length) {
    const amountStart = i;
    let integer = 0;
    let dot = false;
    while (i < text.length && isAmountChar(text.charCodeAt(i))) {
      const c = text.charCodeAt(i++);
      if (c === 46) dot = true;
      else integer = integer * 10 + (c - 48);
    }
    const digits = i - amountStart;
    const amount =
      dot || digits > 15 ? parseDecimal(text.slice(amountStart, i)) : digits === 0 ? undefined : integer;
    const unitStart = i;
    while (i < text.length && !isAmountChar(text.charCodeAt(i))) i++;
    const scale = unitMs(text, unitStart, i);
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
  const year = digitsAt(t, 0, 4);
  const month = digitsAt(t, 5, 2);
  const day = digitsAt(t, 8, 2);
  const hour = digitsAt(t, 11, 2);
  const minute = digitsAt(t, 14, 2);
  const second = digitsAt(t, 17, 2);
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
    const n = i - start;
    if (n === 0 || n > 9) return undefined;
    const digits = digitsAt(t, start, n); // scaled so that whole milliseconds stay exact
    fraction = n <= 3 ? digits * 10 ** (3 - n) : digits / 10 ** (n - 3);
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
  const seconds = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second;
  return seconds * 1000 + fraction;
}
