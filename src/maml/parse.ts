import { MamlError } from './errors.js';
import { parseFrontMatter } from './front-matter.js';
import { frontMatterLineDiagnostics } from './front-matter-lines.js';
import { forbiddenCharacterDiagnostic } from './forbidden-characters.js';
import { readHistory } from './history.js';
import { loneCarriageReturnDiagnostic } from './line-endings.js';
import type { MarkdownScan } from './markdown.js';
import { resolveLimits, type MamlLimits, type MamlParseOptions } from './options.js';
import { positionAt, rangeAt } from './positions.js';
import { findSignatureSection } from './signature-section.js';
import { exceedsBytes } from './size.js';
import { scanStructure } from './structure.js';
import type { MamlDialect, MamlDiagnostic, MamlDocument, MamlFrontMatter, SourceRange } from './types.js';

/** Result of {@link safeParseMaml}: a document, or the reason there is none. */
export type SafeParseMamlResult =
  | { readonly ok: true; readonly document: MamlDocument; readonly diagnostics: readonly MamlDiagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly MamlDiagnostic[]; readonly error: MamlError };

const FENCED_FRONT_MATTER = /^\s*---[ \t]*\n/;

function decode(source: string | Uint8Array, limits: MamlLimits): string {
  if (typeof source === 'string') {
    if (exceedsBytes(source, limits.maxDocumentBytes)) throw tooLarge(limits);
    return source;
  }
  if (!(source instanceof Uint8Array)) {
    throw new MamlError('ERR_INVALID_ARGUMENT', 'a MAML source must be a string or a Uint8Array');
  }
  if (source.byteLength > limits.maxDocumentBytes) throw tooLarge(limits);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(source);
  } catch (cause) {
    throw new MamlError('ERR_MAML_ENCODING', 'the MAML source is not valid UTF-8', { cause });
  }
}

function tooLarge(limits: MamlLimits): MamlError {
  return new MamlError(
    'ERR_MAML_DOCUMENT_TOO_LARGE',
    `document is larger than ${limits.maxDocumentBytes} bytes`,
  );
}

function lineEndingOf(source: string): MamlDocument['lineEnding'] {
  const lf = source.indexOf('\n');
  const cr = source.indexOf('\r');
  if (cr === -1 || (lf !== -1 && lf < cr)) return '\n';
  return lf === cr + 1 ? '\r\n' : '\r';
}

function dialectOf(data: Readonly<Record<string, unknown>> | undefined): MamlDialect {
  const version = data?.['maml_version'];
  if (typeof version === 'string') return { kind: 'maml', version };
  const schema = data?.['schema'];
  if (typeof schema === 'string' && schema.startsWith('maml_')) return { kind: 'legacy', schema };
  return { kind: 'none' };
}

function missingFrontMatter(
  source: string,
  bodyOffset: number,
  scan: MarkdownScan,
  locate: { lineStarts: readonly number[] },
): MamlDiagnostic {
  const first = scan.codeBlocks[0];
  const start: SourceRange = rangeAt(locate, bodyOffset, bodyOffset);
  if (
    first !== undefined &&
    source.slice(bodyOffset, first.range.start.offset).trim() === '' &&
    FENCED_FRONT_MATTER.test(first.code)
  ) {
    return {
      code: 'MAML_FENCED_FRONT_MATTER',
      severity: 'error',
      message: `the front matter is wrapped in a ${first.fence}${first.info} code fence, so it is not front matter`,
      range: { start: first.range.start, end: positionAt(locate, first.codeRange.start.offset) },
      hint: `remove the ${first.fence}${first.info} line and its closing ${first.fence} so the file starts with ---`,
    };
  }
  if (scan.rule?.yamlLike === true) {
    return {
      code: 'MAML_MISPLACED_FRONT_MATTER',
      severity: 'error',
      message: 'a --- block that looks like front matter does not start on the first line',
      range: rangeAt(locate, scan.rule.offset, scan.rule.offset + 3),
      hint: 'move the --- block to the very first line of the file (nothing, not even a blank line, before it)',
    };
  }
  return {
    code: 'MAML_MISSING_FRONT_MATTER',
    severity: 'error',
    message: 'the document has no front matter',
    range: start,
    hint:
      scan.rule === undefined
        ? 'start the file with a --- line, the YAML fields (maml_version, id, type, …) and a closing --- line'
        : '--- lines after the start are thematic breaks, not front matter: start the file with a --- line, the YAML fields and a closing --- line',
  };
}

/**
 * Parses a MAML document: front matter (YAML 1.2 core schema), ATX headings as sections,
 * fenced code blocks, History entries, with source ranges. Problems in the content become
 * `document.diagnostics`; only bad arguments and exceeded limits throw.
 *
 * @throws {MamlError} `ERR_INVALID_ARGUMENT`, `ERR_MAML_ENCODING`, `ERR_MAML_DOCUMENT_TOO_LARGE`,
 *   `ERR_MAML_FRONT_MATTER_TOO_LARGE`, `ERR_MAML_YAML_ALIASES`, `ERR_MAML_YAML_NODES`,
 *   `ERR_MAML_NESTING_DEPTH`, `ERR_MAML_TOO_MANY_SECTIONS`, `ERR_MAML_TOO_MANY_CODE_BLOCKS`.
 * @example
 * ```ts
 * import { parseMaml } from 'mamlkit/maml';
 * const doc = parseMaml('---\nmaml_version: "2.0.0"\nid: urn:uuid:…\n---\n## Intent\nSay hello.\n');
 * doc.frontMatter?.data?.maml_version; // '2.0.0'
 * doc.sections[0]?.name; // 'intent'
 * ```
 */
export function parseMaml(source: string | Uint8Array, options?: MamlParseOptions): MamlDocument {
  const limits = resolveLimits(options);
  const text = decode(source, limits);
  const structure = scanStructure(text, limits);
  const { lineStarts, bom, frontMatterBlock: block, markdown: scan } = structure;
  const locate = { lineStarts };
  const diagnostics: MamlDiagnostic[] = [];
  const loneCr = loneCarriageReturnDiagnostic(text, locate);
  if (loneCr !== undefined) diagnostics.push(loneCr);
  const forbidden = forbiddenCharacterDiagnostic(text, locate);
  if (forbidden !== undefined) diagnostics.push(forbidden);
  let frontMatter: MamlFrontMatter | undefined;
  let bodyOffset = bom;
  if (block !== undefined && block.closeLine !== -1) {
    const parsed = parseFrontMatter(text, block, locate, limits);
    frontMatter = parsed.frontMatter;
    diagnostics.push(...frontMatterLineDiagnostics(text, block, locate), ...parsed.diagnostics);
    bodyOffset = block.end;
  } else if (block !== undefined) {
    diagnostics.push({
      code: 'MAML_UNCLOSED_FRONT_MATTER',
      severity: 'error',
      message: 'the opening --- of the front matter has no closing --- line',
      range: rangeAt(locate, bom, bom + 3),
      hint: 'end the front matter with a line holding only ---',
    });
  }
  if (frontMatter === undefined && block === undefined)
    diagnostics.push(missingFrontMatter(text, bodyOffset, scan, locate));
  diagnostics.push(...scan.diagnostics);
  const signatureSection = findSignatureSection({ source: text, lineStarts, ...scan });
  if (!signatureSection.ok) diagnostics.push(signatureSection.diagnostic);
  const { history, diagnostics: historyDiagnostics } = readHistory(text, lineStarts, scan.sections);
  diagnostics.push(...historyDiagnostics);
  return Object.freeze({
    source: text,
    lineEnding: lineEndingOf(text),
    frontMatter,
    body: text.slice(bodyOffset),
    bodyOffset,
    dialect: dialectOf(frontMatter?.data),
    sections: scan.sections,
    codeBlocks: scan.codeBlocks,
    history,
    diagnostics,
    lineStarts,
    limits,
  });
}

/**
 * Like {@link parseMaml}, but never throws a {@link MamlError}: when no document can be
 * produced (a limit, invalid UTF-8) it returns `ok: false` with a `MAML_PARSE_FAILED`
 * diagnostic and the error.
 *
 * @example
 * ```ts
 * import { safeParseMaml } from 'mamlkit/maml';
 * const result = safeParseMaml(text, { maxDocumentBytes: 64 * 1024 });
 * if (!result.ok) console.error(result.diagnostics[0]?.message);
 * else console.log(result.document.sections.length);
 * ```
 */
export function safeParseMaml(source: string | Uint8Array, options?: MamlParseOptions): SafeParseMamlResult {
  try {
    const document = parseMaml(source, options);
    return { ok: true, document, diagnostics: document.diagnostics };
  } catch (error) {
    if (!(error instanceof MamlError)) throw error;
    const at = { offset: 0, line: 1, column: 1 };
    return {
      ok: false,
      error,
      diagnostics: [
        {
          code: 'MAML_PARSE_FAILED',
          severity: 'error',
          message: `${error.code}: ${error.message}`,
          range: { start: at, end: at },
        },
      ],
    };
  }
}
