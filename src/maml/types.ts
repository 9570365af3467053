import type { MamlDiagnosticCode } from './diagnostic-codes.js';
import type { MamlLimits } from './options.js';

/**
 * A place in a document. `offset` counts UTF-16 code units from the start of the decoded
 * source (a byte order mark counts as one); `line` and `column` start at 1 and the column
 * counts UTF-16 code units. `\n`, `\r\n` and a lone `\r` each end a line.
 */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A span of source text; `end` is exclusive. */
export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** How serious a diagnostic is. `error` fails validation; `warning` and `info` do not. */
export type MamlSeverity = 'error' | 'warning' | 'info';

/** A path into the front matter: mapping keys and sequence indexes. */
export type MamlPath = readonly (string | number)[];

/**
 * One finding about a document: a stable `code` (listed in docs/spec/maml.md), a severity,
 * a message, the source range it concerns, the front matter path when relevant, and a hint
 * for the common mistakes.
 */
export interface MamlDiagnostic {
  readonly code: MamlDiagnosticCode;
  readonly severity: MamlSeverity;
  readonly message: string;
  readonly range: SourceRange;
  readonly path?: MamlPath;
  readonly hint?: string;
}

/** Where one front matter value sits: its key (absent for sequence items) and its value. */
export interface MamlFieldLocation {
  readonly path: MamlPath;
  readonly keyRange?: SourceRange;
  readonly valueRange: SourceRange;
}

/** The `---` front matter block at the very start of a document. */
export interface MamlFrontMatter {
  /** The YAML text between the delimiter lines, exactly as written. */
  readonly raw: string;
  /**
   * The YAML as plain data (YAML 1.2 core schema). `undefined` when the YAML has syntax
   * errors or is not a mapping. An unquoted `maml_version: 2.0` is read as the string `'2.0'`.
   */
  readonly data: Readonly<Record<string, unknown>> | undefined;
  /** The whole block, delimiter lines and their line endings included. */
  readonly range: SourceRange;
  /** The YAML text (`raw`). */
  readonly contentRange: SourceRange;
  /** Where every key and value is, in document order. */
  readonly fields: readonly MamlFieldLocation[];
}

/** An ATX heading and the text it governs. */
export interface MamlSection {
  /** The heading text: trimmed, closing `#` sequence removed, inline Markdown kept as written. */
  readonly heading: string;
  /** 1 to 6. */
  readonly level: number;
  /** Normalised name: lower case, runs of spaces, `-` and `_` folded to one `_`; `Code Blocks` → `code_blocks`. */
  readonly name: string;
  /** The text after the heading line up to the next heading of the same or a higher level. */
  readonly content: string;
  /** From the start of the heading line to the end of the section (exclusive). */
  readonly range: SourceRange;
  /** The heading line, its line ending included. */
  readonly headingRange: SourceRange;
  /** Index in `sections` of the enclosing section (nearest preceding heading of a lower level). */
  readonly parent: number | undefined;
}

/** A fenced code block (backticks or tildes). */
export interface MamlCodeBlock {
  /** First word of the info string, `''` when there is none. */
  readonly language: string;
  /** The whole info string, trimmed. */
  readonly info: string;
  /** The content: fence indentation removed, every line ending written as `\n` (CommonMark's literal). */
  readonly code: string;
  /** The opening fence characters, for example "```" or "~~~~". */
  readonly fence: string;
  /** Whether a closing fence was found; an unclosed fence runs to the end of the document. */
  readonly closed: boolean;
  /** Index in `sections` of the innermost section holding the block, `undefined` before any heading. */
  readonly section: number | undefined;
  /**
   * The whole block: from the start of the opening fence line to just past the closing
   * fence line's line ending (or the end of the document).
   */
  readonly range: SourceRange;
  /** The content lines as written. */
  readonly codeRange: SourceRange;
}

/** One line of the `## History` section. */
export interface MamlHistoryEntry {
  /** The timestamp as written, for example `2025-08-29T20:35:00Z`. */
  readonly at: string;
  /** The verb between brackets: CREATE, VALIDATE, VERIFY, EXECUTE, … */
  readonly verb: string;
  /** The text after the verb. */
  readonly text: string;
  /** `list` for `- TIME: [VERB] text`, `bracket` for `[TIME] [VERB] text`. */
  readonly style: 'list' | 'bracket';
  /** The line, its line ending excluded. */
  readonly range: SourceRange;
}

/** Which front matter dialect a document uses. */
export type MamlDialect =
  | { readonly kind: 'maml'; readonly version: string }
  | { readonly kind: 'legacy'; readonly schema: string }
  | { readonly kind: 'none' };

/**
 * A parsed MAML document: plain, immutable data. `source` is kept, so serializing an
 * unmodified document returns it unchanged.
 */
export interface MamlDocument {
  /** The decoded source, byte order mark included. */
  readonly source: string;
  /** The first line ending of the source (`\n` when there is none); edits write this one. */
  readonly lineEnding: '\n' | '\r\n' | '\r';
  readonly frontMatter: MamlFrontMatter | undefined;
  /** The Markdown after the front matter (the whole source, BOM excluded, when there is none). */
  readonly body: string;
  /** Offset of `body` in `source`. */
  readonly bodyOffset: number;
  readonly dialect: MamlDialect;
  /** Every ATX heading outside code blocks, in order. */
  readonly sections: readonly MamlSection[];
  /** Every fenced code block, in order. */
  readonly codeBlocks: readonly MamlCodeBlock[];
  /** Entries of every `History` section, in order. */
  readonly history: readonly MamlHistoryEntry[];
  /** Findings of the parser itself (YAML errors, mistaken front matter, nested fences, …). */
  readonly diagnostics: readonly MamlDiagnostic[];
  /** Offsets where each line starts (for {@link positionAt}). */
  readonly lineStarts: readonly number[];
  /** The limits this document was parsed with (edits re-parse with the same ones). */
  readonly limits: MamlLimits;
}
