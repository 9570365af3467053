import {
  checkRecord,
  malformed,
  verificationClock,
  type SignatureCheck,
  type VerifyOptions,
} from './check.js';
import {
  findLoneCarriageReturns,
  findSignatureSection,
  foldCrlf,
  MAML_DEFAULT_LIMITS,
  MamlError,
  parseMaml,
  positionAt,
  scanStructure,
  SIGNATURE_FENCE,
  SIGNATURES_HEADING,
  type MamlDocument,
  type MamlParseOptions,
  type MamlSignatureBlock,
  type MamlSignatureSection,
  type MamlSignatureSectionInput,
} from '../maml/internal.js';
import { SignError } from './errors.js';
import { failure, type SignatureFailure } from './failures.js';
import { assertSecretKey, type SigningSecretKey } from './keys.js';
import { encodeToBeSigned, signMessage } from './primitives.js';
import { formatSignatureLines, parseSignatureLines, type SignatureRecord } from './signature-text.js';
import { toEpochSeconds } from './time.js';
import type { TrustStore } from './trust.js';

/**
 * Largest MAML document {@link signMaml} and {@link verifyMaml} accept, in UTF-16 code units (16 Mi).
 *
 * @example
 * ```ts
 * import { MAX_SIGNED_MAML_CHARS } from 'mamlkit/sign';
 * if (source.length > MAX_SIGNED_MAML_CHARS) throw new Error('document too large to sign');
 * ```
 */
export const MAX_SIGNED_MAML_CHARS: number = 16 * 1024 * 1024;

/** Options of {@link signMaml}. */
export interface SignMamlOptions {
  /** Signature creation time; default: now. */
  readonly created?: Date;
  /** Deterministic ML-DSA instead of hedged: only for reproducible test vectors. */
  readonly deterministic?: boolean;
  /**
   * The parser limits the document must meet (`parseMaml` options); default: the parser's
   * defaults, which `authorizeExecution` applies.
   */
  readonly limits?: MamlParseOptions;
}

/** Options of {@link verifyMaml}. */
export interface VerifyMamlOptions extends VerifyOptions {
  /** How many distinct trusted keys must have signed; default 1. */
  readonly threshold?: number;
}

/** The result of {@link verifyMaml}. */
export interface MamlVerification {
  /** True when at least `threshold` distinct trusted keys signed and no signature is broken. */
  readonly valid: boolean;
  /** One entry per signature block, in document order. */
  readonly signatures: readonly SignatureCheck[];
  /** Key ids of the distinct trusted keys whose signatures verified. */
  readonly signers: readonly string[];
  /** Set exactly when `valid` is false. */
  readonly reason?: SignatureFailure;
}

/**
 * Most signature blocks one document may carry.
 *
 * @example
 * ```ts
 * import { MAX_MAML_SIGNATURES } from 'mamlkit/sign';
 * console.log(`up to ${MAX_MAML_SIGNATURES} co-signers`);
 * ```
 */
export const MAX_MAML_SIGNATURES = 16;

/** The parser's limits, with headings and code blocks bounded only by the document size. */
const SCAN_LIMITS = {
  ...MAML_DEFAULT_LIMITS,
  maxSections: MAX_SIGNED_MAML_CHARS,
  maxCodeBlocks: MAX_SIGNED_MAML_CHARS,
};

/** The parts of a document the signature rules read: its text and the parser's scan of it. */
interface ScannedMaml extends MamlSignatureSectionInput {
  readonly unclosedFrontMatter: boolean;
}

function isParsed(value: unknown): value is MamlDocument {
  if (typeof value !== 'object' || value === null) return false;
  const { source, lineStarts, sections, codeBlocks, diagnostics } = value as Partial<MamlDocument>;
  return (
    typeof source === 'string' &&
    [lineStarts, sections, codeBlocks, diagnostics].every((part) => Array.isArray(part))
  );
}

function checkSource(source: unknown, what: string): asserts source is string {
  if (typeof source !== 'string') throw new SignError('ERR_INVALID_ARGUMENT', `a MAML document is ${what}`);
  if (source.length > MAX_SIGNED_MAML_CHARS) {
    throw new SignError(
      'ERR_LIMIT_EXCEEDED',
      `signed MAML documents are at most ${MAX_SIGNED_MAML_CHARS} characters`,
    );
  }
}

function sectionError(message: string, cause?: unknown): SignError {
  return new SignError('ERR_SIGN_MAML_SECTION', message, { cause });
}

/**
 * The signature section as the MAML parser reads it (`findSignatureSection` in `mamlkit/maml`),
 * or `undefined` when the document has none.
 *
 * @throws {SignError} `ERR_SIGN_LINE_ENDING` for a lone carriage return; `ERR_SIGN_MAML_SECTION`
 * when the section breaks its rule or the front matter is not closed; `ERR_LIMIT_EXCEEDED` past
 * {@link MAX_MAML_SIGNATURES} blocks.
 */
function scan(source: string): ScannedMaml {
  try {
    const { lineStarts, frontMatterBlock, markdown } = scanStructure(source, SCAN_LIMITS);
    const { sections, codeBlocks } = markdown;
    return {
      source,
      lineStarts,
      sections,
      codeBlocks,
      unclosedFrontMatter: frontMatterBlock?.closeLine === -1,
    };
  } catch (error) {
    if (error instanceof MamlError)
      throw sectionError(`the document cannot be scanned: ${error.message}`, error);
    throw error;
  }
}

/** A parsed document already holds the scan: `parseMaml` builds it with the same function. */
function scanned(document: MamlDocument): ScannedMaml {
  const { source, lineStarts, sections, codeBlocks, diagnostics } = document;
  const unclosedFrontMatter = diagnostics.some((d) => d.code === 'MAML_UNCLOSED_FRONT_MATTER');
  return { source, lineStarts, sections, codeBlocks, unclosedFrontMatter };
}

function readSection(structure: ScannedMaml): MamlSignatureSection | undefined {
  const { source } = structure;
  const lone = findLoneCarriageReturns(source);
  if (lone !== undefined) {
    const at = positionAt(structure, lone.offset);
    throw new SignError(
      'ERR_SIGN_LINE_ENDING',
      `line ${at.line}, column ${at.column}: a carriage return is not followed by a line feed (${lone.count} in the document); lines end with LF or CRLF only`,
    );
  }
  if (structure.unclosedFrontMatter) {
    throw sectionError(
      'the front matter is not closed by a "---" line, so the document has no single reading',
    );
  }
  const found = findSignatureSection(structure);
  if (!found.ok) {
    const { start } = found.diagnostic.range;
    throw sectionError(`line ${start.line}, column ${start.column}: ${found.diagnostic.message}`);
  }
  if (found.section !== undefined && found.section.blocks.length > MAX_MAML_SIGNATURES) {
    throw new SignError('ERR_LIMIT_EXCEEDED', `a document carries at most ${MAX_MAML_SIGNATURES} signatures`);
  }
  return found.section;
}

/** What every signature covers: the text before the signature heading, BOM removed, CRLF as LF. */
function signedContent(source: string, section: MamlSignatureSection): Uint8Array {
  const text = source.slice(source.charCodeAt(0) === 0xfeff ? 1 : 0, section.headingRange.start.offset);
  return new TextEncoder().encode(foldCrlf(text));
}

/** The text to put before a new `## Signatures` heading so that it starts after an empty line. */
function separator(source: string, eol: string): string {
  const text = foldCrlf(source);
  if (text === '' || text === '\uFEFF' || text.endsWith('\n\n')) return '';
  return text.endsWith('\n') ? eol : eol + eol;
}

/** `source` ready for a new block: with its signature section, created at the end when missing. */
function withSection(
  source: string,
  existing: MamlSignatureSection | undefined,
  eol: string,
): { base: string; section: MamlSignatureSection } {
  if (existing !== undefined)
    return { base: source.endsWith('\n') ? source : source + eol, section: existing };
  const heading = source.length + separator(source, eol).length;
  const base = source + separator(source, eol) + SIGNATURES_HEADING + eol;
  const section = readSection(scan(base));
  if (section?.headingRange.start.offset !== heading) {
    throw sectionError(
      `cannot append a signature: a "${SIGNATURES_HEADING}" heading added at the end would not be a heading (the document ends inside a code block or another open block)`,
    );
  }
  return { base, section };
}

/**
 * The document as the parser reads it, refused when it has no single reading: `parseMaml`
 * throws for it (a limit) or reports an error. What a signature covers is what is judged.
 */
function parseForSigning(source: string, limits: MamlParseOptions | undefined): MamlDocument {
  let document: MamlDocument;
  try {
    document = parseMaml(source, limits);
  } catch (error) {
    if (!(error instanceof MamlError)) throw error;
    if (error.code === 'ERR_INVALID_ARGUMENT')
      throw new SignError('ERR_INVALID_ARGUMENT', `options.limits: ${error.message}`, { cause: error });
    throw new SignError(
      'ERR_SIGN_MAML_UNPARSEABLE',
      `the document does not parse (${error.code}): ${error.message}`,
      { cause: error },
    );
  }
  return document;
}

function refuseParseErrors(document: MamlDocument): void {
  const errors = document.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (first === undefined) return;
  const { line, column } = first.range.start;
  const more = errors.length > 1 ? ` (${errors.length} errors; parseMaml lists them all)` : '';
  throw new SignError(
    'ERR_SIGN_MAML_UNPARSEABLE',
    `line ${line}, column ${column}: ${first.code}: ${first.message}${more}`,
  );
}

/** The blocks `keyId` signed, which a new signature by that key replaces; malformed blocks are kept. */
function blocksSignedBy(keyId: string, section: MamlSignatureSection): MamlSignatureBlock[] {
  return section.blocks.filter((block) => {
    try {
      return parseSignatureLines('maml', block.lines).keyId === keyId;
    } catch (error) {
      if (error instanceof SignError) return false;
      throw error;
    }
  });
}

/** `source` with `block` in place of the first of `replaced` and the others removed. */
function replaceBlocks(source: string, replaced: readonly MamlSignatureBlock[], block: string): string {
  let text = '';
  let at = 0;
  for (const [index, { range }] of replaced.entries()) {
    text += source.slice(at, range.start.offset) + (index === 0 ? block : '');
    at = range.end.offset;
  }
  return text + source.slice(at);
}

/**
 * Signs a MAML document and returns it with a `maml-signature` block appended to its
 * `## Signatures` section (created at the end when missing). The section is the one the MAML
 * parser finds (`findSignatureSection` in `mamlkit/maml`). Every byte of the document before
 * that section is covered, with CRLF read as LF; co-signing a signed document appends another
 * block and leaves the existing ones valid. Signing again with a key that already signed
 * replaces that key's block in place, so a key has one block. New text uses the document's
 * line endings. Only a document `parseMaml` reads with no error is signed: whatever this
 * returns parses with no error-severity diagnostic (schema validation is the caller's choice).
 *
 * @throws {SignError} `ERR_SIGN_KEY_INVALID` for a public key, `ERR_SIGN_LINE_ENDING` for a
 * carriage return not followed by a line feed, `ERR_SIGN_MAML_SECTION` when the document ends
 * inside a code block or an unclosed front matter, or has a signature section that breaks its
 * rule (a variant heading such as `## signatures`, a second one, other content in it or after
 * it), `ERR_SIGN_MAML_UNPARSEABLE` when `parseMaml` (with `options.limits`) throws for the
 * document or reports an error (no front matter, bad YAML, a YAML alias or size limit),
 * `ERR_LIMIT_EXCEEDED` above {@link MAX_SIGNED_MAML_CHARS} or past 16 signatures.
 * @example
 * ```ts
 * import { generateSigningKeyPair, signMaml } from 'mamlkit/sign';
 * const { secretKey } = generateSigningKeyPair();
 * const signed = signMaml(source, secretKey);
 * ```
 */
export function signMaml(source: string, secretKey: SigningSecretKey, options: SignMamlOptions = {}): string {
  const key = assertSecretKey(secretKey);
  checkSource(source, 'a string');
  const document = parseForSigning(source, options.limits);
  const existing = readSection(scanned(document));
  refuseParseErrors(document);
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const { base, section } = withSection(source, existing, eol);
  const replaced = blocksSignedBy(key.keyId, section);
  if (section.blocks.length - replaced.length >= MAX_MAML_SIGNATURES) {
    throw new SignError('ERR_LIMIT_EXCEEDED', `a document carries at most ${MAX_MAML_SIGNATURES} signatures`);
  }
  const fields = {
    algorithm: key.algorithm,
    keyId: key.keyId,
    created: toEpochSeconds(options.created ?? new Date(), 'created'),
    comment: '',
    trustedComment: '',
  };
  const tbs = encodeToBeSigned({ ...fields, content: signedContent(base, section) });
  const signature = signMessage('maml', tbs, key, { deterministic: options.deterministic === true });
  const block = [SIGNATURE_FENCE, ...formatSignatureLines('maml', { ...fields, signature }), '```', ''].join(
    eol,
  );
  return replaced.length === 0 ? base + eol + block : replaceBlocks(base, replaced, block);
}

function summarise(checks: readonly SignatureCheck[], threshold: number): MamlVerification {
  const signers = [...new Set(checks.filter((c) => c.valid).map((c) => c.keyId ?? ''))];
  const broken = checks.find((c) => c.reason?.code === 'MALFORMED' || c.reason?.code === 'BAD_SIGNATURE');
  if (broken?.reason !== undefined)
    return { valid: false, signatures: checks, signers, reason: broken.reason };
  if (signers.length >= threshold) return { valid: true, signatures: checks, signers };
  const reason =
    signers.length > 0
      ? failure('NOT_ENOUGH_SIGNATURES', `${signers.length} trusted signer(s), ${threshold} required`)
      : (checks.find((c) => c.reason !== undefined)?.reason ??
        failure('UNSIGNED', 'the document carries no signature'));
  return { valid: false, signatures: checks, signers, reason };
}

/**
 * Verifies every embedded signature of a MAML document against a trust store. Never throws
 * for a bad document: `valid` is false and `reason` says why (`UNSIGNED`, `MALFORMED`,
 * `BAD_SIGNATURE`, `UNKNOWN_KEY`, `REVOKED_KEY`, `ALGORITHM_NOT_ALLOWED`, `KEY_EXPIRED`,
 * `NOT_ENOUGH_SIGNATURES`). A malformed or broken signature makes the whole document invalid;
 * a well-formed signature by an unknown key is reported but does not. `source` may be the text
 * or its `parseMaml` result (which holds the scan the signature rules read, so a caller that
 * has parsed the document does not scan it again); both give the same result.
 *
 * @throws {SignError} `ERR_INVALID_ARGUMENT` for a bad trust store, `threshold` or `now`;
 * `ERR_LIMIT_EXCEEDED` above {@link MAX_SIGNED_MAML_CHARS}.
 * @example
 * ```ts
 * import { verifyMaml } from 'mamlkit/sign';
 * const result = verifyMaml(source, trust);
 * if (!result.valid) console.error(result.reason?.code, result.reason?.message);
 * ```
 */
export function verifyMaml(
  source: string | MamlDocument,
  trust: TrustStore,
  options: VerifyMamlOptions = {},
): MamlVerification {
  checkSource(isParsed(source) ? source.source : source, 'a string or a parseMaml result');
  const clock = verificationClock(options);
  const threshold = options.threshold ?? 1;
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new SignError('ERR_INVALID_ARGUMENT', 'threshold must be a whole number of at least 1');
  }
  let section: MamlSignatureSection | undefined;
  try {
    section = readSection(typeof source === 'string' ? scan(source) : scanned(source));
  } catch (error) {
    return { ...summarise([malformed(error)], threshold), signatures: [] };
  }
  if (section === undefined || section.blocks.length === 0) {
    return {
      valid: false,
      signatures: [],
      signers: [],
      reason: failure('UNSIGNED', 'the document carries no signature'),
    };
  }
  const content = signedContent(typeof source === 'string' ? source : source.source, section);
  const checks = section.blocks.map((block): SignatureCheck => {
    let record: SignatureRecord;
    try {
      record = parseSignatureLines('maml', block.lines);
    } catch (error) {
      const reason = malformed(error).reason as SignatureFailure;
      return {
        valid: false,
        reason: {
          ...reason,
          message: `signature block at line ${block.range.start.line}: ${reason.message}`,
        },
      };
    }
    return checkRecord('maml', record, content, trust, clock);
  });
  return summarise(checks, threshold);
}
