/**
 * Stable codes of the diagnostics `parseMaml` and `validateMaml` return (never thrown;
 * thrown errors use `ERR_MAML_…` codes). Each is described in docs/spec/maml.md.
 */
export type MamlDiagnosticCode =
  // Parsing
  /** `safeParseMaml` could not produce a document (a limit, bad input); the message names the error code. */
  | 'MAML_PARSE_FAILED'
  /** The document does not start with a `---` front matter block. */
  | 'MAML_MISSING_FRONT_MATTER'
  /** The front matter is wrapped in a code fence (```` ```markdown ````/```` ```yaml ````). */
  | 'MAML_FENCED_FRONT_MATTER'
  /** A `---` block that looks like front matter appears after the start of the document. */
  | 'MAML_MISPLACED_FRONT_MATTER'
  /** The opening `---` has no closing `---` or `...` line. */
  | 'MAML_UNCLOSED_FRONT_MATTER'
  /** The front matter YAML is not a mapping, or a line in it starts with `---` or `...` without being the closing delimiter. */
  | 'MAML_INVALID_FRONT_MATTER'
  /** The front matter is not well-formed YAML. */
  | 'MAML_YAML_SYNTAX'
  /** A mapping repeats a key. */
  | 'MAML_DUPLICATE_KEY'
  /** A YAML tag other than the core schema's (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`). */
  | 'MAML_YAML_TAG'
  /** A mapping key that is not a plain or quoted scalar resolving to a non-empty string (collection, alias, anchored, tagged, `?` explicit, null, number, boolean or `<<` key), or a key holding a control, invisible or non-ASCII space character, or not in NFC. */
  | 'MAML_YAML_KEY'
  /** A mapping key longer than 1,024 characters. */
  | 'MAML_YAML_KEY_TOO_LONG'
  /** An alias (`*name`) with no anchor before it, or inside the node it names. */
  | 'MAML_YAML_ALIAS'
  /** A U+0085, U+2028 or U+2029 character, a line break to YAML 1.1 readers and not to YAML 1.2. */
  | 'MAML_YAML_LINE_BREAK'
  /** Another YAML warning. */
  | 'MAML_YAML_WARNING'
  /** A version written as an unquoted number (`2.0`) was read as the string it looks like. */
  | 'MAML_UNQUOTED_VERSION'
  /** A timestamp is unquoted (YAML 1.1 readers turn it into a date); it is kept as a string. */
  | 'MAML_UNQUOTED_TIMESTAMP'
  /** A code fence is never closed and runs to the end of the document. */
  | 'MAML_UNCLOSED_FENCE'
  /** A fence line with an info string inside a code block: the outer fence needs to be longer. */
  | 'MAML_NESTED_FENCE'
  /** A heading or fenced code block inside a block quote or list item: only top-level ones are read. */
  | 'MAML_NESTED_BLOCK'
  /** A line inside an HTML block or comment would be a heading or code fence outside it, or a front matter line starts an HTML block. */
  | 'MAML_HIDDEN_CONTENT'
  /** A fence's info string holds a backslash escape or a character reference (which a renderer decodes), a control, invisible or non-ASCII space character, or is not NFC. */
  | 'MAML_INFO_ESCAPE'
  /** A heading holds a backslash escape or a character reference (which a renderer decodes), a control other than tab, an invisible or non-ASCII space character, or is not NFC. */
  | 'MAML_HEADING_TEXT'
  /** A line is just a section name (`Intent`, `History`, …) without the `## ` marker. */
  | 'MAML_MISSING_HEADING_MARKER'
  /** A History line that starts like an entry but does not follow the grammar. */
  | 'MAML_MALFORMED_HISTORY'
  /** A bidirectional control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) or U+0000 anywhere in the document. */
  | 'MAML_FORBIDDEN_CHARACTER'
  /** A carriage return not followed by a line feed: lines end with `\n` or `\r\n` only. */
  | 'MAML_LONE_CR'
  /** A heading named `signatures` not written `## Signatures`, a second one, content after it, or content in it other than signature blocks. */
  | 'MAML_SIGNATURE_SECTION'
  // Validation
  /** A required front matter field is missing. */
  | 'MAML_MISSING_FIELD'
  /** A front matter field has the wrong type or format. */
  | 'MAML_INVALID_FIELD'
  /** Neither `maml_version` nor the legacy `schema: maml_v1` is present. */
  | 'MAML_MISSING_VERSION'
  /** `maml_version` is not a supported version (1.x or 2.x). */
  | 'MAML_UNSUPPORTED_VERSION'
  /** The document uses the legacy `schema: maml_v1` dialect. */
  | 'MAML_LEGACY_DIALECT'
  /** `id` or `origin` is not a URI. */
  | 'MAML_INVALID_URI'
  /** A `urn:uuid:` id does not hold a well-formed UUID. */
  | 'MAML_INVALID_UUID'
  /** A required section (`## Intent`, `## Context`) is missing. */
  | 'MAML_MISSING_SECTION'
  /** A level-2 section name appears more than once. */
  | 'MAML_DUPLICATE_SECTION'
  /** A permission is a bare string where a list is expected. */
  | 'MAML_BARE_PERMISSION'
  /** A permission pattern does not follow the pattern grammar. */
  | 'MAML_INVALID_PERMISSION_PATTERN'
  /** `permissions` has a key other than read, write and execute. */
  | 'MAML_UNKNOWN_PERMISSION_ACTION'
  /** A code block has no language. */
  | 'MAML_MISSING_LANGUAGE'
  /** `quantum_security_flag: true`: execution requires a valid signature. */
  | 'MAML_SIGNATURE_REQUIRED'
  /** A front matter value claims a security level nothing can back (`AES-2048`, `quantum-proof`): always a warning. */
  | 'MAML_UNBACKED_SECURITY_CLAIM';
