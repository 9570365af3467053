import { armor } from 'mamlkit/envelope';
import { flag, type OptionSpec, type OptionValues } from './command.js';
import { EXIT_OK } from './errors.js';
import { envelopeFacts, envelopeStart, looksArmored, readArmored, rewriteTarget } from './envelope-files.js';
import { byteSource, INPUT_FILE, refuseBinaryToTerminal, writeOutput } from './io.js';
import { jsonWanted, printJson, printStatus } from './output.js';
import { pipeFile, webStream } from './streams.js';

/**
 * `--keyring` of a command that rewrites an envelope: the keyring that opens it now.
 *
 * @example
 * const options = { keyring: CURRENT_KEYRING_OPTION, out: REWRITE_OUT_OPTION };
 */
export const CURRENT_KEYRING_OPTION: OptionSpec = {
  type: 'string',
  short: 'k',
  multiple: true,
  value: 'KEYRING',
  description:
    'a keyring that opens the envelope now (required); several files are one keyring, layer files in order',
};

/**
 * `--out` of a command that rewrites an envelope: by default FILE itself.
 *
 * @example
 * const options = { keyring: CURRENT_KEYRING_OPTION, out: REWRITE_OUT_OPTION };
 */
export const REWRITE_OUT_OPTION: OptionSpec = {
  type: 'string',
  short: 'o',
  value: 'PATH',
  description: 'output (default: replace FILE atomically)',
};

/** How a binary envelope is streamed into its rewritten form. */
export interface BinaryRewrite {
  /** Offset in FILE where the streamed part starts. */
  readonly start: number;
  readonly transforms: readonly TransformStream<Uint8Array, Uint8Array>[];
  /** Bytes written before the streamed part (a new header). */
  readonly prefix?: Uint8Array;
}

/** What a rewriting command does to an envelope, in each form, and what it reports. */
export interface EnvelopeRewrite {
  /** The command name, for messages. */
  readonly command: string;
  /** Progress bar label, for example `rotating`. */
  readonly label: string;
  /** Rewrites a whole armored envelope (its bytes after dearmoring). */
  readonly armored: (envelope: Uint8Array) => Uint8Array | Promise<Uint8Array>;
  /** How a binary envelope is streamed, from its first bytes. */
  readonly binary: (head: Uint8Array) => BinaryRewrite;
  /** The status line printed when done. */
  readonly done: (out: string) => string;
}

/**
 * Rewrites envelope FILE into `--out` (default: FILE itself, atomically, its mode kept): an
 * armored envelope in memory, a binary one streamed in constant memory; then reports the result
 * as a status line or, with `--json`, the facts of the output.
 *
 * @example
 * return rewriteEnvelope(options, file, {
 *   command: 'rotate',
 *   label: 'rotating',
 *   armored: (envelope) => reencrypt(envelope, change),
 *   binary: () => ({ start: 0, transforms: [reencryptStream(change)] }),
 *   done: (out) => `rotated ${file}: ${out}`,
 * });
 */
export async function rewriteEnvelope(
  options: OptionValues,
  file: string,
  rewrite: EnvelopeRewrite,
): Promise<number> {
  const { out, force, keepMode, source } = await rewriteTarget(options, file);
  const json = jsonWanted(options, out);
  const { head, size } = await envelopeStart(file, rewrite.command);
  if (looksArmored(head)) {
    await writeOutput(out, armor(await rewrite.armored(await readArmored(file))), {
      force,
      keepMode,
      source,
    });
  } else {
    refuseBinaryToTerminal(out, 'pass --out FILE');
    const { start, transforms, prefix } = rewrite.binary(head);
    await pipeFile(webStream(byteSource(file, INPUT_FILE, { start })), transforms, out, {
      force,
      keepMode,
      source,
      ...(prefix === undefined ? {} : { prefix }),
      size: size - start,
      label: rewrite.label,
      quiet: flag(options, 'quiet'),
    });
  }
  if (json) {
    printJson({ file, out, ...(await envelopeFacts(out)) });
    return EXIT_OK;
  }
  printStatus(out, [rewrite.done(out)]);
  return EXIT_OK;
}
