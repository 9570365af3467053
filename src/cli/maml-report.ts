import {
  isMamlValid,
  safeParseMaml,
  validateMaml,
  type MamlDiagnostic,
  type MamlDocument,
  type MamlValidationLevel,
} from 'mamlkit/maml';

/** What `check` and `sign` know about one MAML file: the parse, and the validation at one level. */
export interface MamlJudgement {
  /** `undefined` when the parser could not read the file at all (a limit, invalid UTF-8). */
  readonly document: MamlDocument | undefined;
  /** The parser's diagnostics and the validation's, or the one `MAML_PARSE_FAILED`. */
  readonly diagnostics: readonly MamlDiagnostic[];
  /** The parser failed or reported an error: the file has no single reading, nothing may sign it. */
  readonly unparseable: boolean;
  /** No diagnostic is an error. */
  readonly valid: boolean;
}

/**
 * Parses and validates one MAML file as `authorizeExecution` would read it (default limits).
 *
 * @example
 * ```ts
 * const { valid, diagnostics } = judgeMaml(bytes, 'strict');
 * ```
 */
export function judgeMaml(bytes: Uint8Array, level: MamlValidationLevel): MamlJudgement {
  const parsed = safeParseMaml(bytes);
  if (!parsed.ok)
    return { document: undefined, diagnostics: parsed.diagnostics, unparseable: true, valid: false };
  const { document } = parsed;
  const diagnostics = validateMaml(document, { level });
  const unparseable = !isMamlValid(document.diagnostics);
  return { document, diagnostics, unparseable, valid: isMamlValid(diagnostics) };
}

/**
 * Compiler-style lines: `FILE:LINE:COLUMN: SEVERITY CODE: MESSAGE`, and `  hint: …` when there is one.
 *
 * @example
 * ```ts
 * printLines(diagnosticLines('notes.md', judgeMaml(bytes, 'strict').diagnostics));
 * ```
 */
export function diagnosticLines(file: string, diagnostics: readonly MamlDiagnostic[]): string[] {
  return diagnostics.flatMap((d) => {
    const { line, column } = d.range.start;
    const first = `${file}:${line}:${column}: ${d.severity} ${d.code}: ${d.message}`;
    return d.hint === undefined ? [first] : [first, `  hint: ${d.hint}`];
  });
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function kind(document: MamlDocument | undefined): string {
  if (document === undefined) return 'does not parse';
  const { dialect } = document;
  if (dialect.kind === 'maml') return `MAML ${dialect.version}`;
  if (dialect.kind === 'legacy') return `MAML (legacy schema ${dialect.schema})`;
  return 'MAML (no version)';
}

/**
 * One line for a checked file: `notes.md: valid MAML 2.0.0, 0 errors, 1 warning`.
 *
 * @example
 * ```ts
 * printLines([summaryLine('notes.md', judgeMaml(bytes, 'strict'))]);
 * ```
 */
export function summaryLine(file: string, judgement: MamlJudgement): string {
  const count = (severity: string): number =>
    judgement.diagnostics.filter((d) => d.severity === severity).length;
  const verdict = judgement.valid ? 'valid' : 'invalid';
  const what = judgement.document === undefined ? `, ${kind(undefined)}` : ` ${kind(judgement.document)}`;
  return `${file}: ${verdict}${what}, ${counted(count('error'), 'error')}, ${counted(count('warning'), 'warning')}`;
}
