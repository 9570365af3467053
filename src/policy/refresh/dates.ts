import { PolicyError } from '../errors.js';
import type { LifecycleStatus } from '../types.js';

const DAY = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** The YYYY-MM-DD day of an ISO date or RFC 3339 date-time, or `undefined` if `value` is neither. */
export function isoDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const day = DAY.exec(value)?.[1];
  if (day === undefined || Number.isNaN(Date.parse(value))) return undefined;
  return new Date(Date.parse(day)).toISOString().slice(0, 10) === day ? day : undefined;
}

/** `checkedAt` checked as a YYYY-MM-DD day, or `ERR_INVALID_ARGUMENT`. */
export function checkDay(checkedAt: string): string {
  const day = isoDay(checkedAt);
  if (day === undefined || day !== checkedAt) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `checkedAt must be a YYYY-MM-DD date, got ${JSON.stringify(checkedAt)}`,
    );
  }
  return day;
}

/** The status of an entry with a published shutdown `day`, as of `checkedAt`. */
export function statusOnShutdown(day: string, checkedAt: string): LifecycleStatus {
  return day <= checkedAt ? 'retired' : 'deprecated';
}

/** A plain (non-array) object, or `undefined`. */
export function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A positive safe integer, or `undefined`. */
export function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** An entry a refresh function could not use, and why. */
export interface Skipped {
  /** The key or id in the input. */
  readonly id: string;
  readonly reason: string;
}
