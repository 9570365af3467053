/**
 * Internal entry of `src/maml` for the other modules of mamlkit (`src/sign`): not a package
 * export and not public API. It gives them the parser's own structure scan and line-ending
 * rule, so that no module re-implements front matter, heading or fence rules.
 *
 * @internal
 * @packageDocumentation
 */
export { MamlError } from './errors.js';
export { findLoneCarriageReturns, foldCrlf } from './line-endings.js';
export { MAML_DEFAULT_LIMITS, type MamlParseOptions } from './options.js';
export { parseMaml } from './parse.js';
export { positionAt } from './positions.js';
export { scanStructure, type MamlStructure } from './structure.js';
export type { MamlDocument } from './types.js';
export * from './signature-section.js';
export { decidePermission } from './permissions.js';
