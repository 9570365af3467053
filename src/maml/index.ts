/**
 * `mamlkit/maml`: parse, validate, serialize and edit MAML documents; permissions and History.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { MamlError, type MamlErrorCode } from './errors.js';
export type { MamlDiagnosticCode } from './diagnostic-codes.js';
export { MAML_DEFAULT_LIMITS, type MamlLimits, type MamlParseOptions } from './options.js';
export { normalizeSectionName } from './markdown.js';
export { parseMaml, safeParseMaml, type SafeParseMamlResult } from './parse.js';
export { positionAt } from './positions.js';
export {
  findSignatureSection,
  SIGNATURE_FENCE,
  SIGNATURES_HEADING,
  type MamlSignatureBlock,
  type MamlSignatureSection,
  type MamlSignatureSectionInput,
  type MamlSignatureSectionResult,
} from './signature-section.js';
export type {
  MamlCodeBlock,
  MamlDiagnostic,
  MamlDialect,
  MamlDocument,
  MamlFieldLocation,
  MamlFrontMatter,
  MamlHistoryEntry,
  MamlPath,
  MamlSection,
  MamlSeverity,
  SourcePosition,
  SourceRange,
} from './types.js';
export { appendHistory, formatHistoryLine, type MamlHistoryInput } from './append-history.js';
export { setFrontMatterField, spliceMaml } from './edit.js';
export {
  checkPermission,
  isPermissionPattern,
  type MamlAction,
  type MamlPermissionDecision,
} from './permissions.js';
export { MamlFrontMatterSchema, type MamlFrontMatterData, type MamlPermissionList } from './schema.js';
export { serializeMaml } from './serialize.js';
export { isMamlValid, validateMaml, type MamlValidationLevel, type ValidateMamlOptions } from './validate.js';
