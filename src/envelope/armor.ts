import { fromBase64, toBase64 } from '../encoding/base64.js';
import { EnvelopeError } from './errors.js';
import { checkMax, ENVELOPE_LIMITS } from './limits.js';
import { bytesArgument } from './message.js';

const BEGIN = '-----BEGIN MAMLKIT ENVELOPE-----';
const END = '-----END MAMLKIT ENVELOPE-----';
const LINE = 64;

/**
 * ASCII armor of an envelope: BEGIN line, standard base64 in 64-character lines, END line,
 * final newline. Safe inside JSON strings and Markdown code blocks.
 *
 * @example
 * ```ts
 * import { armor } from 'mamlkit/envelope';
 * const text = armor(envelope); // '-----BEGIN MAMLKIT ENVELOPE-----\n…'
 * ```
 */
export function armor(envelope: Uint8Array): string {
  const encoded = toBase64(bytesArgument(envelope, 'envelope'));
  const lines: string[] = [BEGIN];
  for (let i = 0; i < encoded.length; i += LINE) lines.push(encoded.slice(i, i + LINE));
  lines.push(END);
  return `${lines.join('\n')}\n`;
}

/**
 * Strict inverse of {@link armor}: surrounding whitespace and CRLF line ends are accepted;
 * anything else (other text, short or long lines, non-canonical base64) is `ERR_ENVELOPE_ARMOR`.
 *
 * @example
 * ```ts
 * import { dearmor } from 'mamlkit/envelope';
 * const envelope = dearmor(text);
 * ```
 */
export function dearmor(text: string): Uint8Array {
  if (typeof text !== 'string')
    throw new EnvelopeError('ERR_INVALID_ARGUMENT', 'armored text must be a string');
  checkMax(text.length, ENVELOPE_LIMITS.maxArmorChars, 'armored text length');
  const lines = text.trim().split(/\r?\n/);
  const fail = (why: string): EnvelopeError =>
    new EnvelopeError('ERR_ENVELOPE_ARMOR', `malformed envelope armor: ${why}`);
  if (lines[0] !== BEGIN) throw fail(`first line must be ${BEGIN}`);
  if (lines.length < 3 || lines[lines.length - 1] !== END) throw fail(`last line must be ${END}`);
  const body = lines.slice(1, -1);
  body.forEach((line, i) => {
    const last = i === body.length - 1;
    if (last ? line.length === 0 || line.length > LINE : line.length !== LINE) {
      throw fail(`line ${i + 2} has ${line.length} characters (lines hold ${LINE}, the last 1 to ${LINE})`);
    }
  });
  const bytes = fromBase64(body.join(''));
  if (bytes === undefined) throw fail('the body is not canonical base64');
  return bytes;
}
