/**
 * The runtime conformance harness: plain TypeScript with no Node APIs, bundled once and
 * run unchanged in Node, Deno, Bun and Chromium. Cases import the built package
 * (`mamlkit`, `mamlkit/maml`, …), so they exercise `dist/`, not the sources.
 */

/** One conformance case: a name and a function that throws (or rejects) on failure. */
export interface RuntimeCase {
  readonly name: string;
  readonly run: () => void | Promise<void>;
}

/** What one runtime reports back to the runner. */
export interface RuntimeReport {
  readonly runtime: string;
  /** The version the runtime reports about itself (`v26.12.1`, `2.9.6`, …), when known. */
  readonly version?: string;
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly { readonly name: string; readonly error: string }[];
  /** Which implementation each post-quantum operation of the asynchronous entry points ran on. */
  readonly backends?: Backends;
}

/** Where an operation runs: the synchronous `node:crypto`, WebCrypto, or @noble/post-quantum. */
export type Backend = 'node:crypto' | 'webcrypto' | 'noble';

/** The backend of ML-DSA (signing and verifying) and of each KEM kind, as the library selects them. */
export interface Backends {
  readonly mlDsa: Backend;
  readonly 'ml-kem-1024': Backend;
  readonly 'x-wing': Backend;
}

/** Throws with `message` unless `condition` holds. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

/** Throws unless `actual` and `expected` are equal (`Object.is`). */
export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
  }
}

/** Throws unless two byte arrays hold the same bytes. */
export function assertBytesEqual(actual: Uint8Array, expected: Uint8Array, what: string): void {
  assertEqual(actual.length, expected.length, `${what} (length)`);
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) throw new Error(`${what}: bytes differ at offset ${i}`);
  }
}

/** Runs `fn` and returns what it threw (or rejected with); fails if it did not throw. */
export async function captureError(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

/** Runs every case, one after another, and reports the counts. Never throws. */
export async function runCases(runtime: string, cases: readonly RuntimeCase[]): Promise<RuntimeReport> {
  const failures: { name: string; error: string }[] = [];
  for (const c of cases) {
    try {
      await c.run();
    } catch (error) {
      failures.push({ name: c.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { runtime, passed: cases.length - failures.length, failed: failures.length, failures };
}
