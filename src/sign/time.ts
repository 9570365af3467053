import { SignError } from './errors.js';

/** `YYYY-MM-DDTHH:MM:SSZ`: the only timestamp form signatures and keys use. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const MAX_SECONDS = 253402300799; // 9999-12-31T23:59:59Z

/** Whole seconds since the Unix epoch of a valid `Date` in 1970..9999. */
export function toEpochSeconds(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  const seconds = Math.floor(ms / 1000);
  if (!Number.isFinite(ms) || seconds < 0 || seconds > MAX_SECONDS) {
    throw new SignError('ERR_INVALID_ARGUMENT', `${what} must be a valid Date between 1970 and 9999`);
  }
  return seconds;
}

/** The canonical text of a time in whole seconds (`2026-11-21T00:15:18Z`). */
export function formatTimestamp(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19) + 'Z';
}

/**
 * Parses a canonical timestamp back to whole seconds.
 *
 * @throws {SignError} `ERR_SIGN_FORMAT` unless `text` is exactly what {@link formatTimestamp} writes.
 */
export function parseTimestamp(text: string, what: string): number {
  const ms = CANONICAL.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms) || formatTimestamp(ms / 1000) !== text) {
    throw new SignError('ERR_SIGN_FORMAT', `${what} must be a UTC time like 2026-01-31T12:00:00Z`);
  }
  return ms / 1000;
}
