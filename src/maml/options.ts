import { MamlError } from './errors.js';

/** Limits applied by {@link parseMaml}; every one has a default and its own error code. */
export interface MamlParseOptions {
  /** Largest accepted document, in UTF-8 bytes (default 1 MiB). Error: `ERR_MAML_DOCUMENT_TOO_LARGE`. */
  readonly maxDocumentBytes?: number;
  /** Largest accepted front matter block, in UTF-8 bytes (default 64 KiB). Error: `ERR_MAML_FRONT_MATTER_TOO_LARGE`. */
  readonly maxFrontMatterBytes?: number;
  /** Most YAML aliases (`*name`) in the front matter (default 100). Error: `ERR_MAML_YAML_ALIASES`. */
  readonly maxYamlAliases?: number;
  /** Most YAML values after alias expansion (default 10 000). Error: `ERR_MAML_YAML_NODES` (`ERR_MAML_YAML_ALIASES` when aliases expand past it). */
  readonly maxYamlNodes?: number;
  /** Deepest nesting of YAML collections (default 64). Error: `ERR_MAML_NESTING_DEPTH`. */
  readonly maxNestingDepth?: number;
  /** Most ATX headings (default 10 000). Error: `ERR_MAML_TOO_MANY_SECTIONS`. */
  readonly maxSections?: number;
  /** Most fenced code blocks (default 10 000). Error: `ERR_MAML_TOO_MANY_CODE_BLOCKS`. */
  readonly maxCodeBlocks?: number;
}

/** {@link MamlParseOptions} with every limit filled in. */
export type MamlLimits = { readonly [K in keyof MamlParseOptions]-?: number };

/**
 * The default limits of {@link parseMaml}.
 *
 * @example
 * ```ts
 * import { MAML_DEFAULT_LIMITS } from 'mamlkit/maml';
 * console.log(MAML_DEFAULT_LIMITS.maxDocumentBytes); // 1048576
 * ```
 */
export const MAML_DEFAULT_LIMITS: MamlLimits = Object.freeze({
  maxDocumentBytes: 1024 * 1024,
  maxFrontMatterBytes: 64 * 1024,
  maxYamlAliases: 100,
  maxYamlNodes: 10_000,
  maxNestingDepth: 64,
  maxSections: 10_000,
  maxCodeBlocks: 10_000,
});

/** Fills in defaults and rejects limits that are not non-negative integers. */
export function resolveLimits(options: MamlParseOptions | undefined): MamlLimits {
  if (options === undefined) return MAML_DEFAULT_LIMITS;
  if (typeof (options as unknown) !== 'object' || (options as unknown) === null) {
    throw new MamlError('ERR_INVALID_ARGUMENT', 'parse options must be an object');
  }
  const limits: Record<string, number> = { ...MAML_DEFAULT_LIMITS };
  for (const key of Object.keys(MAML_DEFAULT_LIMITS)) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new MamlError('ERR_INVALID_ARGUMENT', `option ${key} must be a non-negative integer`);
    }
    limits[key] = value;
  }
  return limits as MamlLimits;
}
