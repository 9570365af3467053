import type { NativeCapability } from '../types.js';

/**
 * A `node:crypto` result as a plain `Uint8Array`: a view of its memory when the Buffer owns
 * all of it (never a pooled slice), a copy otherwise. Callers never get a Buffer.
 *
 * @example
 * ```ts
 * const bytes = plain(cipher.update(data));
 * ```
 */
export function plain(buffer: Uint8Array): Uint8Array {
  return buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length
    ? new Uint8Array(buffer.buffer, 0, buffer.length)
    : Uint8Array.from(buffer);
}

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
 * A cache of values built from key bytes (imported key objects), keyed by the key's
 * `Uint8Array`. A hit also compares the bytes, so a key array changed in place is rebuilt,
 * never answered from a stale entry. Entries go when their key array is collected.
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
    if (entry !== undefined && equal(entry.bytes, bytes)) return entry.value;
    const value = build(bytes);
    entries.set(bytes, { bytes: Uint8Array.from(bytes), value });
    return value;
  };
}

/** Byte equality (of public or already-held key bytes: no secret is compared with attacker input). */
function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Bytes from hex (for known-answer constants).
 *
 * @example
 * ```ts
 * fromHex('00ff'); // Uint8Array [0, 255]
 * ```
 */
export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}
