import { RETRY_SLOTS } from '../headers/names.js';
import type { HeaderValues } from '../headers/read.js';
import { hasOuterSpace, parseRfc3339 } from '../headers/values.js';

/** Longer header values are not read: a real one is a number or a date or two. */
const MAX_VALUE_CHARS = 256;

const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const DAY_NAME = /^[A-Z][a-z]{2}$/;

/** Whether `c` is the char code of an ASCII digit. */
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * A non-negative number written as the SDKs' `parseFloat` reads a whole value: digits with an
 * optional fraction and exponent (`5`, `0.5`, `.5`, `1e3`, `2.5E-1`), or `undefined` for
 * anything else (a sign, trailing text, `Infinity`, an overflow).
 */
function parseNumber(text: string): number | undefined {
  let i = 0;
  let integer = 0;
  for (let c = text.charCodeAt(0); isDigit(c); c = text.charCodeAt(++i)) integer = integer * 10 + (c - 48);
  // Up to 15 digits and nothing else, the running integer is exact.
  if (i === text.length && i > 0 && i <= 15) return integer;
  let digits = i;
  if (text.charCodeAt(i) === 46) {
    const start = ++i;
    while (isDigit(text.charCodeAt(i))) i++;
    digits += i - start;
  }
  if (digits === 0) return undefined;
  if ((text.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    const start = i;
    while (isDigit(text.charCodeAt(i))) i++;
    if (i === start) return undefined;
  }
  if (i !== text.length) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The items of a header value that may be several values joined by `, ` (what `Headers.get`
 * returns for a repeated header). The comma after an HTTP date's day name does not split.
 */
function items(value: string): string[] {
  const parts = value.split(',');
  const result: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = (parts[i] ?? '').trim();
    if (DAY_NAME.test(part) && i + 1 < parts.length) {
      result.push(`${part},${parts[++i] ?? ''}`.trim());
    } else if (part.length > 0) {
      result.push(part);
    }
  }
  return result;
}

/**
 * The largest delay in milliseconds that a header value states: of `retry-after` items (see
 * {@link retryAfterItem}) when `now` is given, else of millisecond numbers; `undefined` when
 * the value is absent, empty, too long, or any item does not read.
 */
function largest(value: string | undefined, now: number | undefined): number | undefined {
  if (value === undefined || value.length > MAX_VALUE_CHARS) return undefined;
  // One value, the usual case, is read without splitting.
  if (!value.includes(',') || IMF_FIXDATE.test(value)) {
    const item = hasOuterSpace(value) ? value.trim() : value;
    return now === undefined ? parseNumber(item) : retryAfterItem(item, now);
  }
  let max: number | undefined;
  for (const item of items(value)) {
    const ms = now === undefined ? parseNumber(item) : retryAfterItem(item, now);
    if (ms === undefined) return undefined;
    if (max === undefined || ms > max) max = ms;
  }
  return max;
}

/**
 * One `retry-after` item in milliseconds from `now`: delay-seconds (in the SDKs' number forms),
 * an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110), or an RFC 3339 timestamp. A date
 * that has passed gives a negative delay.
 */
function retryAfterItem(item: string, now: number): number | undefined {
  const seconds = parseNumber(item);
  if (seconds !== undefined) return seconds * 1000;
  const date = IMF_FIXDATE.test(item) ? Date.parse(item) : parseRfc3339(item);
  return date !== undefined && Number.isFinite(date) ? date - now : undefined;
}

/**
 * The delay the server asked for, in milliseconds, from the values of `RETRY_NAMES`, or
 * `undefined` when it asked for none that can be read. The rule, against the Anthropic
 * (0.120.0) and OpenAI (7.5.0) TypeScript SDKs (docs/guide/policy.md, "Retries"):
 *
 * - `retry-after-ms` (a number of milliseconds) when it reads and is above 0, else
 *   `retry-after` (seconds, an HTTP date or an RFC 3339 timestamp) when it reads, else a
 *   `retry-after-ms` of 0. Both SDKs prefer a positive `retry-after-ms`; for 0 they differ
 *   (OpenAI retries at once, Anthropic reads `retry-after`), and the later retry is taken.
 * - A repeated header (`5, 7`) gives its largest value: both SDKs' `parseFloat` read the first.
 * - A date in the past, a negative number, trailing text (`5s`) and anything else that does not
 *   read are ignored, as OpenAI does (Anthropic retries at once); an RFC 3339 timestamp is read
 *   as the date it is, where the SDKs' `parseFloat` read its year as seconds.
 *
 * @example
 * ```ts
 * serverDelayMs(['', '120', undefined], now); // 120000
 * ```
 */
export function serverDelayMs(values: HeaderValues, now: number): number | undefined {
  const ms = largest(values[RETRY_SLOTS.retryAfterMs], undefined);
  if (ms !== undefined && ms > 0) return ms;
  const after = largest(values[RETRY_SLOTS.retryAfter], now);
  return after !== undefined && after >= 0 ? after : ms;
}
