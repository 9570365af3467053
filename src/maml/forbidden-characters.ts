import { rangeAt } from './positions.js';
import type { MamlDiagnostic } from './types.js';

/**
 * Characters refused anywhere in a document: the bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069), which reorder what a reviewer sees on a line without
 * changing what is read (Trojan Source, CVE-2021-42574), U+0000, which a CommonMark renderer
 * shows as U+FFFD, and U+FEFF anywhere but as the byte order mark at the very start: invisible,
 * and dropped by YAML readers at the start of a line, so a key would read as another.
 */
const FORBIDDEN = /[\0\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|(?!^)\uFEFF/g;

const codePoint = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** The `MAML_FORBIDDEN_CHARACTER` error for a text holding forbidden characters, if it holds any. */
export function forbiddenCharacterDiagnostic(
  text: string,
  locate: { readonly lineStarts: readonly number[] },
): MamlDiagnostic | undefined {
  FORBIDDEN.lastIndex = 0;
  const first = FORBIDDEN.exec(text);
  if (first === null) return undefined;
  let count = 1;
  while (FORBIDDEN.exec(text) !== null) count++;
  const what =
    first[0] === '\0'
      ? 'a NUL character (U+0000)'
      : first[0] === '\uFEFF'
        ? 'a byte order mark (U+FEFF) after the start of the document'
        : `a bidirectional control (${codePoint(first[0].charCodeAt(0))})`;
  return {
    code: 'MAML_FORBIDDEN_CHARACTER',
    severity: 'error',
    message: `the document holds ${count} forbidden character(s), the first ${what}: a viewer shows other text than the one mamlkit reads`,
    range: rangeAt(locate, first.index, first.index + 1),
    hint: 'remove bidirectional controls, NUL characters and byte order marks after the start; write them as escapes inside quoted strings if they are data',
  };
}
