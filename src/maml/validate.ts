import * as v from 'valibot';
import type { MamlDiagnosticCode } from './diagnostic-codes.js';
import { readPermissionUri } from './permission-uri.js';
import { rangeAt } from './positions.js';
import { conformsToFrontMatterSchema, MamlFrontMatterSchema } from './schema.js';
import { unbackedClaimDiagnostics } from './security-claims.js';
import type { MamlDiagnostic, MamlDocument, MamlPath, MamlSeverity, SourceRange } from './types.js';

/** How demanding {@link validateMaml} is. */
export type MamlValidationLevel = 'strict' | 'lenient';

/** Options of {@link validateMaml}. */
export interface ValidateMamlOptions {
  /**
   * `strict` (what an execution gate uses): every rule below is an error. `lenient` (editors,
   * migration tools): the legacy dialect and the common mistakes are warnings with hints.
   */
  readonly level: MamlValidationLevel;
  /** Normalised names of the level-2 sections that must exist (default `['intent', 'context']`). */
  readonly requiredSections?: readonly string[];
}

/** Codes that are errors when strict and warnings when lenient. */
const MISTAKES = new Set<MamlDiagnosticCode>([
  'MAML_MISSING_FRONT_MATTER',
  'MAML_FENCED_FRONT_MATTER',
  'MAML_MISPLACED_FRONT_MATTER',
  'MAML_LEGACY_DIALECT',
  'MAML_INVALID_URI',
  'MAML_INVALID_UUID',
  'MAML_MISSING_SECTION',
  'MAML_BARE_PERMISSION',
  'MAML_INVALID_PERMISSION_PATTERN',
  'MAML_MISSING_LANGUAGE',
]);

/** Parser warnings that strict validation turns into errors. */
const STRICT_ERRORS = new Set<MamlDiagnosticCode>(['MAML_UNCLOSED_FENCE']);

const URI = /^[a-z][\w+.-]*:\S+$/i;
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
const SUPPORTED_VERSION = /^[12](?:\.\d+){0,2}$/;
const ACTIONS = new Set(['read', 'write', 'execute']);

class Findings {
  readonly list: MamlDiagnostic[] = [];
  constructor(
    readonly document: MamlDocument,
    readonly strict: boolean,
  ) {}

  add(
    code: MamlDiagnosticCode,
    severity: MamlSeverity,
    message: string,
    range: SourceRange,
    extra?: { path?: MamlPath; hint?: string },
  ): void {
    const level = MISTAKES.has(code) && !this.strict && severity === 'error' ? 'warning' : severity;
    this.list.push({ code, severity: level, message, range, ...extra });
  }

  /** Range of the value at `path`, else of its nearest ancestor, else of the front matter. */
  at(path: MamlPath): SourceRange {
    const fields = this.document.frontMatter?.fields ?? [];
    for (let depth = path.length; depth > 0; depth--) {
      const found = fields.find((f) => f.path.length === depth && f.path.every((key, i) => key === path[i]));
      if (found !== undefined)
        return depth === path.length ? found.valueRange : (found.keyRange ?? found.valueRange);
    }
    return this.document.frontMatter?.range ?? startRange();
  }
}

function startRange(): SourceRange {
  const at = { offset: 0, line: 1, column: 1 };
  return { start: at, end: at };
}

function pathText(path: MamlPath): string {
  return path.map(String).join('.');
}

function checkSchema(findings: Findings, data: Readonly<Record<string, unknown>>): void {
  if (conformsToFrontMatterSchema(data)) return;
  const result = v.safeParse(MamlFrontMatterSchema, data);
  if (result.success) return;
  for (const issue of result.issues) {
    const path = (issue.path ?? []).map((item) => item.key as string | number);
    const missing = issue.input === undefined;
    findings.add(
      missing ? 'MAML_MISSING_FIELD' : 'MAML_INVALID_FIELD',
      'error',
      missing ? `required field ${pathText(path)} is missing` : `${pathText(path)}: ${issue.message}`,
      findings.at(path),
      { path },
    );
  }
}

function checkDialect(findings: Findings, data: Readonly<Record<string, unknown>>): void {
  const { dialect } = findings.document;
  if (dialect.kind === 'legacy') {
    findings.add(
      'MAML_LEGACY_DIALECT',
      'error',
      `legacy dialect "schema: ${dialect.schema}"`,
      findings.at(['schema']),
      {
        path: ['schema'],
        hint: 'replace "schema: maml_v1" with maml_version: "2.0.0" and add id and type',
      },
    );
  } else if (dialect.kind === 'none') {
    findings.add('MAML_MISSING_VERSION', 'error', 'front matter has no maml_version', findings.at([]), {
      hint: 'add maml_version: "2.0.0" as the first field',
    });
  } else if (!SUPPORTED_VERSION.test(dialect.version)) {
    findings.add(
      'MAML_UNSUPPORTED_VERSION',
      'warning',
      `maml_version ${dialect.version} is not 1.x or 2.x`,
      findings.at(['maml_version']),
      {
        path: ['maml_version'],
      },
    );
  }
  for (const key of ['id', 'origin']) {
    const value = data[key];
    if (typeof value !== 'string') continue;
    if (!URI.test(value)) {
      findings.add('MAML_INVALID_URI', 'error', `${key} "${value}" is not a URI`, findings.at([key]), {
        path: [key],
        hint: key === 'id' ? 'use a URN such as urn:uuid:<uuid>' : 'use a URI such as agent://name',
      });
    } else if (value.toLowerCase().startsWith('urn:uuid:') && !UUID.test(value.slice(9))) {
      findings.add(
        'MAML_INVALID_UUID',
        'error',
        `${key} "${value}" does not hold a well-formed UUID`,
        findings.at([key]),
        {
          path: [key],
          hint: 'a UUID is 8-4-4-4-12 hexadecimal digits (0-9, a-f); generate one with crypto.randomUUID()',
        },
      );
    }
  }
}

function checkPermissions(findings: Findings, permissions: unknown): void {
  if (permissions === null || typeof permissions !== 'object' || Array.isArray(permissions)) return;
  for (const [action, listed] of Object.entries(permissions)) {
    const path = ['permissions', action];
    if (!ACTIONS.has(action)) {
      findings.add(
        'MAML_UNKNOWN_PERMISSION_ACTION',
        'warning',
        `unknown permission action "${action}"`,
        findings.at(path),
        {
          path,
          hint: 'permissions are read, write and execute',
        },
      );
      continue;
    }
    if (typeof listed === 'string') {
      findings.add(
        'MAML_BARE_PERMISSION',
        'error',
        `permissions.${action} is a bare string; it is read as a one-element list`,
        findings.at(path),
        {
          path,
          hint: `write a list: ${action}: ["${listed}"]`,
        },
      );
    }
    const patterns: unknown[] = Array.isArray(listed) ? listed : [listed];
    patterns.forEach((pattern, index) => {
      if (typeof pattern !== 'string') return;
      const read = readPermissionUri(pattern, 'pattern');
      if (read.ok) return;
      const at = Array.isArray(listed) ? [...path, index] : path;
      findings.add(
        'MAML_INVALID_PERMISSION_PATTERN',
        'error',
        `"${pattern}" is not a permission pattern: ${read.reason}`,
        findings.at(at),
        {
          path: at,
          hint: 'patterns are URIs where * stands for one segment or host label and ** for any number of segments, such as agent://* or fs:///srv/data/**',
        },
      );
    });
  }
}

function checkSections(findings: Findings, required: readonly string[]): void {
  const { sections, codeBlocks } = findings.document;
  const seen = new Map<string, number>();
  sections.forEach((section, index) => {
    if (section.level !== 2) return;
    if (seen.has(section.name)) {
      findings.add(
        'MAML_DUPLICATE_SECTION',
        'warning',
        `section "${section.heading}" appears more than once`,
        section.headingRange,
        {
          hint: 'merge the two sections',
        },
      );
    } else seen.set(section.name, index);
  });
  for (const name of required) {
    if (seen.has(name)) continue;
    const elsewhere = sections.find((s) => s.name === name);
    const body = findings.document.bodyOffset;
    const title = name.charAt(0).toUpperCase() + name.slice(1);
    findings.add(
      'MAML_MISSING_SECTION',
      'error',
      `required section "## ${title}" is missing`,
      elsewhere?.headingRange ?? rangeAt(findings.document, body, body),
      {
        hint:
          elsewhere === undefined
            ? `add a "## ${title}" section`
            : `make "${elsewhere.heading}" a level-2 heading (## )`,
      },
    );
  }
  for (const block of codeBlocks) {
    if (block.language !== '') continue;
    let section = block.section === undefined ? undefined : sections[block.section];
    while (section !== undefined && section.level > 2)
      section = section.parent === undefined ? undefined : sections[section.parent];
    const executable = section?.name === 'code_blocks';
    findings.add(
      'MAML_MISSING_LANGUAGE',
      executable ? 'error' : 'warning',
      'code block has no language',
      block.range,
      {
        hint: 'name the language after the fence, for example ```python',
      },
    );
  }
}

function checkSignatureFlag(findings: Findings, data: Readonly<Record<string, unknown>>): void {
  if (data['quantum_security_flag'] !== true) return;
  const signed = findings.document.codeBlocks.some((b) => b.language === 'maml-signature');
  findings.add(
    'MAML_SIGNATURE_REQUIRED',
    signed ? 'info' : 'warning',
    signed
      ? 'quantum_security_flag is true: execution requires a valid signature from a trusted key'
      : 'quantum_security_flag is true but the document carries no signature: it cannot be executed',
    findings.at(['quantum_security_flag']),
    { path: ['quantum_security_flag'], hint: 'sign the document (mamlkit/sign) before executing it' },
  );
}

/**
 * Validates a parsed document and returns every diagnostic, the parser's included. A
 * document is valid when no diagnostic has severity `error`.
 *
 * @example
 * ```ts
 * import { parseMaml, validateMaml } from 'mamlkit/maml';
 * const diagnostics = validateMaml(parseMaml(text), { level: 'strict' });
 * for (const d of diagnostics) {
 *   console.log(`${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message}`);
 * }
 * ```
 */
export function validateMaml(
  document: MamlDocument,
  options: ValidateMamlOptions = { level: 'strict' },
): MamlDiagnostic[] {
  const findings = new Findings(document, options.level !== 'lenient');
  for (const d of document.diagnostics) {
    const severity = findings.strict && STRICT_ERRORS.has(d.code) ? 'error' : d.severity;
    findings.add(d.code, severity, d.message, d.range, {
      ...(d.path === undefined ? {} : { path: d.path }),
      ...(d.hint === undefined ? {} : { hint: d.hint }),
    });
  }
  const data = document.frontMatter?.data;
  if (data !== undefined) {
    checkSchema(findings, data);
    checkDialect(findings, data);
    checkPermissions(findings, data['permissions']);
    checkSignatureFlag(findings, data);
  }
  for (const d of unbackedClaimDiagnostics(document)) findings.list.push(d);
  checkSections(findings, options.requiredSections ?? ['intent', 'context']);
  return findings.list;
}

/**
 * Whether a list of diagnostics holds no error.
 *
 * @example
 * ```ts
 * import { isMamlValid, parseMaml, validateMaml } from 'mamlkit/maml';
 * isMamlValid(validateMaml(parseMaml(text), { level: 'strict' }));
 * ```
 */
export function isMamlValid(diagnostics: readonly MamlDiagnostic[]): boolean {
  return !diagnostics.some((d) => d.severity === 'error');
}
