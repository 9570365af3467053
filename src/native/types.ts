/**
 * What a runtime's native crypto offers mamlkit. `#native` resolves, through package.json
 * `imports` conditions, to `src/native/node/index.ts` (the `node` condition: Node.js, Deno,
 * Bun) or to `src/native/default.ts` (everything else, browser bundles included). Each
 * capability is probed once, on first use, by a known-answer check of the exact operation
 * mamlkit needs; `undefined` means "use the pure-JavaScript path".
 *
 * Files behind `#native` import nothing from the library but types, so the library's classes
 * and constants exist once however the package is bundled.
 */
export interface NativeCrypto {
  /** Where the native primitives come from (`'node:crypto'`), or `'none'`. */
  readonly source: 'node:crypto' | 'none';
}
