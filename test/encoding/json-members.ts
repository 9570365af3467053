/** Rewrites the members of JSON-like values, for the tests that check that member order does not matter. */

type Members = [string, unknown][];

/** `value` with the members of every object, at any depth, rewritten by `members` (arrays and other values kept). */
export function withMembers(value: unknown, members: (entries: Members) => Members): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => withMembers(item, members));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(members(Object.entries(value)).map(([k, v]) => [k, withMembers(v, members)]));
}

/** The value with the members of every object in reverse order. */
export const reversed = (value: unknown): unknown => withMembers(value, (entries) => entries.reverse());
