import { MamlkitError, type CommonErrorCode } from '../errors.js';

/** Codes of errors thrown by `mamlkit/maml` (MAML documents). */
export type MamlErrorCode =
  /** A `Uint8Array` source is not valid UTF-8. */
  | 'ERR_MAML_ENCODING'
  /** The document is larger than `maxDocumentBytes` (UTF-8 bytes). */
  | 'ERR_MAML_DOCUMENT_TOO_LARGE'
  /** The front matter block is larger than `maxFrontMatterBytes` (UTF-8 bytes). */
  | 'ERR_MAML_FRONT_MATTER_TOO_LARGE'
  /** The front matter uses more than `maxYamlAliases` aliases, or its aliases expand past `maxYamlNodes` values. */
  | 'ERR_MAML_YAML_ALIASES'
  /** The front matter holds more than `maxYamlNodes` values. */
  | 'ERR_MAML_YAML_NODES'
  /** The front matter nests collections deeper than `maxNestingDepth`. */
  | 'ERR_MAML_NESTING_DEPTH'
  /** The document has more headings than `maxSections`. */
  | 'ERR_MAML_TOO_MANY_SECTIONS'
  /** The document has more fenced code blocks than `maxCodeBlocks`. */
  | 'ERR_MAML_TOO_MANY_CODE_BLOCKS'
  /** An edit cannot be applied (front matter with YAML errors, a path through a non-mapping). */
  | 'ERR_MAML_EDIT';

/**
 * Error thrown by `mamlkit/maml`. Its `code` is a {@link MamlErrorCode} or a common code.
 *
 * @example
 * ```ts
 * import { MamlError, parseMaml } from 'mamlkit/maml';
 * try {
 *   parseMaml(text);
 * } catch (error) {
 *   if (error instanceof MamlError) console.error(error.code, error.message);
 * }
 * ```
 */
export class MamlError extends MamlkitError<MamlErrorCode | CommonErrorCode> {}
