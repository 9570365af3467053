import type { MamlDocument } from './types.js';

/**
 * Serializes a document. Documents are kept as their source text and edits splice it,
 * so an unmodified document comes back byte for byte (line endings, byte order mark and
 * trailing whitespace included) and an edited one differs only where it was edited.
 * Encode with `new TextEncoder().encode(...)` for bytes.
 *
 * @example
 * ```ts
 * import { parseMaml, serializeMaml } from 'mamlkit/maml';
 * serializeMaml(parseMaml(text)) === text; // true
 * ```
 */
export function serializeMaml(document: MamlDocument): string {
  return document.source;
}
