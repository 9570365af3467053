import { rangeAt } from './positions.js';
import type { MamlDiagnostic } from './types.js';

/** Where the carriage returns that are not followed by a line feed are. */
export interface LoneCarriageReturns {
  /** Offset of the first one. */
  readonly offset: number;
  /** How many the text holds. */
  readonly count: number;
}

/**
 * Finds carriage returns not followed by a line feed. A MAML document ends its lines with
 * `\n` or `\r\n` only: YAML reads a lone `\r` as a line break where other readers do not, so
 * a document that holds one has no single reading and is refused (docs/spec/maml.md §1).
 */
export function findLoneCarriageReturns(text: string): LoneCarriageReturns | undefined {
  let at = text.indexOf('\r');
  let first = -1;
  let count = 0;
  while (at !== -1) {
    if (text.charCodeAt(at + 1) !== 10) {
      if (first === -1) first = at;
      count++;
    }
    at = text.indexOf('\r', at + 1);
  }
  return first === -1 ? undefined : { offset: first, count };
}

/** The `MAML_LONE_CR` error for a document holding lone carriage returns, if it holds any. */
export function loneCarriageReturnDiagnostic(
  text: string,
  locate: { readonly lineStarts: readonly number[] },
): MamlDiagnostic | undefined {
  const found = findLoneCarriageReturns(text);
  if (found === undefined) return undefined;
  const others = found.count - 1;
  return {
    code: 'MAML_LONE_CR',
    severity: 'error',
    message: `a carriage return (\\r) is not followed by a line feed${others > 0 ? ` (and ${others} more)` : ''}: lines end with \\n or \\r\\n only`,
    range: rangeAt(locate, found.offset, found.offset + 1),
    hint: 'convert the file to LF or CRLF line endings',
  };
}

/** `text` with every CRLF written as LF (a text without lone carriage returns then has only LF). */
export function foldCrlf(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replaceAll('\r\n', '\n');
}
