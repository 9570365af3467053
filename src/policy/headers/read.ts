/** The values of the names a {@link HeaderReader} reads, in the order of its names. */
export type HeaderValues = readonly (string | undefined)[];

/** Reads a fixed list of header names from any header source; see {@link headerReader}. */
export type HeaderReader = (headers: unknown) => HeaderValues;

/**
 * A `Headers` object is read with `get` when a reader wants at most this many names, and with
 * one `forEach` otherwise: in Node, Deno and Bun three `get` calls cost less than iterating a
 * real-sized response (docs/performance.md, "Provider policies").
 */
const MAX_GETS = 4;

type ForEachSource = { forEach: (callback: (value: unknown, name: unknown) => void) => void };
type GetSource = { get: (name: string) => unknown };

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return asString((value as unknown[])[0]);
  return undefined;
}

/**
 * A reader of the lower-case header `names`: it reads a source once and never throws.
 * `Headers` objects are read with `get` (few names) or `forEach`, `Map`s with `forEach`, plain
 * records by walking their own enumerable keys in any letter case (the lower-case spelling wins
 * when a name comes in several), any other object with a `get` method by name. Values that are
 * not a string, a finite number or an array of those are left out, and a getter, proxy or `get`
 * that throws loses only what it would have returned.
 */
export function headerReader(names: readonly string[]): HeaderReader {
  const slots: Record<string, number> = Object.create(null) as Record<string, number>;
  const lengths = new Uint8Array(Math.max(0, ...names.map((name) => name.length)) + 1);
  names.forEach((name, slot) => {
    slots[name] = slot;
    lengths[name.length] = 1;
  });

  // A key of a length no name has is skipped before any lookup or case folding.
  const slotOf = (key: unknown): number | undefined =>
    typeof key === 'string' && lengths[key.length] === 1
      ? (slots[key] ?? slots[key.toLowerCase()])
      : undefined;

  const store = (values: (string | undefined)[], slot: number, key: string, value: unknown): void => {
    const text = asString(value);
    if (text !== undefined && (values[slot] === undefined || key === names[slot])) values[slot] = text;
  };

  const byName = (values: (string | undefined)[], source: GetSource): void => {
    names.forEach((name, slot) => {
      try {
        store(values, slot, name, source.get(name));
      } catch {
        // this header is unreadable; the others still count
      }
    });
  };

  const byKey = (values: (string | undefined)[], record: Readonly<Record<string, unknown>>): void => {
    for (const key in record) {
      const slot = slotOf(key);
      if (slot === undefined || !Object.hasOwn(record, key)) continue;
      try {
        store(values, slot, key, record[key]);
      } catch {
        // a getter that throws: this header is unreadable, the others still count
      }
    }
  };

  const empty: HeaderValues = Object.freeze(new Array<undefined>(names.length).fill(undefined));
  const fewNames = names.length <= MAX_GETS;

  return (headers) => {
    if (headers === null || typeof headers !== 'object') return empty;
    const values = new Array<string | undefined>(names.length);
    const source = headers as Partial<ForEachSource & GetSource>;
    try {
      if (fewNames && typeof Headers === 'function' && headers instanceof Headers) {
        byName(values, headers);
      } else if (typeof source.forEach === 'function') {
        source.forEach((value, key) => {
          const slot = slotOf(key);
          if (slot !== undefined) store(values, slot, key as string, value);
        });
      } else if (typeof source.get === 'function') {
        byName(values, source as GetSource);
      } else {
        byKey(values, headers as Readonly<Record<string, unknown>>);
      }
    } catch {
      // a proxy or `forEach` that throws: keep what was read before it did
    }
    return values;
  };
}
