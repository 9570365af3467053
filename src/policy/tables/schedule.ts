import type { Sourced } from '../types.js';

/** `entry` without its deprecation date, retirement date and replacement. */
export function withoutSchedule<T extends Sourced>(entry: T): T {
  const out: { -readonly [K in keyof T]: T[K] } = { ...entry };
  delete out.deprecatedAt;
  delete out.retiresAt;
  delete out.replacement;
  return out;
}
