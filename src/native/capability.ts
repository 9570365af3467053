import type { NativeCapability } from './types.js';

/**
 * A native capability whose `probe` runs on the first `get()` only (importing the module does no
 * work) and whose answer is remembered; a probe that throws means the capability is absent.
 * `enable(false)` makes `get()` answer `undefined`, for comparing with the pure-JavaScript path.
 *
 * @example
 * ```ts
 * export const aesSiv = capability(() => (knownAnswerHolds() ? implementation : undefined));
 * ```
 */
export function capability<T>(probe: () => T | undefined): NativeCapability<T> {
  let probed: { readonly answer: T | undefined } | undefined;
  let enabled = true;
  return {
    get() {
      if (!enabled) return undefined;
      if (probed === undefined) {
        let answer: T | undefined;
        try {
          answer = probe();
        } catch {
          answer = undefined;
        }
        probed = { answer };
      }
      return probed.answer;
    },
    enable(on) {
      enabled = on;
    },
  };
}

/**
 * A cache of values built from key bytes (imported key objects, key ids), keyed by the key's
 * `Uint8Array`. A hit also compares the bytes, so a key array changed in place is rebuilt,
 * never answered from a stale entry. The entry holds a copy of the bytes (of a secret key too)
 * for that comparison: the copy is wiped when the entry is replaced (a key wiped in place is
 * rebuilt on its next use) and goes when the key array is collected.
 *
 * @example
 * ```ts
 * const imported = keyCache((bytes) => createPublicKey(spki(bytes)));
 * const key = imported(publicKey);
 * ```
 */
export function keyCache<T>(build: (bytes: Uint8Array) => T): (bytes: Uint8Array) => T {
  const entries = new WeakMap<Uint8Array, { readonly bytes: Uint8Array; readonly value: T }>();
  return (bytes) => {
    const entry = entries.get(bytes);
    if (entry !== undefined && equalBytes(entry.bytes, bytes)) return entry.value;
    entry?.bytes.fill(0);
    const value = build(bytes);
    entries.set(bytes, { bytes: Uint8Array.from(bytes), value });
    return value;
  };
}

/**
 * Byte equality (of public or already-held key bytes and known answers: no secret is compared
 * with attacker input).
 *
 * @example
 * ```ts
 * equalBytes(new Uint8Array([1]), new Uint8Array([1])); // true
 * ```
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
