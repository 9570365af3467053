import { dearmor, ENVELOPE_LIMITS, inspect, type SignatureOptions } from 'mamlkit/envelope';
import type { SigningSecretKey } from 'mamlkit/sign';
import { flag, listOption, stringOption, type OptionSpec, type OptionValues } from './command.js';
import { CliError, EXIT_REJECTED, usageError } from './errors.js';
import { ENVELOPE_KINDS, expectFileKind } from './file-kind.js';
import { fileSize, INPUT_FILE, readInput, readText, refuseOverwrite, STDIO } from './io.js';
import { loadSigningKey, loadTrustStore, TRUST_OPTION } from './key-files.js';

/** Suffix of binary envelopes written by `seal`. */
export const ENVELOPE_SUFFIX = '.mkenv';
/** Suffix of armored envelopes written by `seal --armor`. */
export const ARMOR_SUFFIX = '.mkenv.asc';

/** Largest plaintext `seal --armor` takes: its armor must stay within the library's armor limit. */
export const MAX_ARMORED_PLAINTEXT: number =
  Math.floor((ENVELOPE_LIMITS.maxArmorChars * 3) / 4) - ENVELOPE_LIMITS.maxHeaderBytes;

/** Whether envelope bytes start like ASCII armor (a `-` after optional whitespace) rather than the binary magic. */
export function looksArmored(head: Uint8Array): boolean {
  const first = head.find((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);
  return first === 0x2d;
}

/** Reads and decodes an armored envelope file (the library checks its size limit). */
export async function readArmored(path: string): Promise<Uint8Array> {
  return dearmor(await readText(path, ENVELOPE_LIMITS.maxArmorChars, INPUT_FILE));
}

/** The start of an envelope file: enough bytes for any header, and the file's size. */
export async function envelopeStart(
  path: string,
  command: string,
): Promise<{ head: Uint8Array; size: number }> {
  if (path === STDIO) throw usageError(`${command} reads a file, not standard input`);
  const size = (await fileSize(path, INPUT_FILE)) ?? 0;
  const head = await readInput(path, ENVELOPE_LIMITS.maxHeaderBytes, INPUT_FILE);
  expectFileKind(head, path, INPUT_FILE, ENVELOPE_KINDS, 'an envelope');
  return { head, size };
}

/** Refuses an input too large to armor. */
export function checkArmorSize(size: number | undefined): void {
  if (size !== undefined && size > MAX_ARMORED_PLAINTEXT) {
    throw new CliError(
      'ERR_LIMIT_EXCEEDED',
      `--armor takes inputs up to ${MAX_ARMORED_PLAINTEXT} bytes (armored text is limited to ${ENVELOPE_LIMITS.maxArmorChars} characters); seal without --armor`,
      EXIT_REJECTED,
    );
  }
}

/** Where `open` writes by default: the envelope's name without its suffix. */
export function openedName(file: string): string {
  for (const suffix of [ARMOR_SUFFIX, ENVELOPE_SUFFIX]) {
    if (file.endsWith(suffix) && file.length > suffix.length) return file.slice(0, -suffix.length);
  }
  throw usageError(
    `cannot tell where to write the plaintext of ${file}: pass --out PATH (or --out - for stdout)`,
  );
}

/** `--sign KEY`: sign the envelope with a secret signing key. */
export const SIGN_OPTION: OptionSpec = {
  type: 'string',
  short: 's',
  value: 'KEY',
  description:
    'sign the envelope with this secret signing key (JWK from keygen): recipients can tell who wrote it',
};

/** The options that say how an envelope's signature is checked. */
export const SIGNATURE_CHECK_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  trust: {
    ...TRUST_OPTION,
    description: 'a trusted public signing key: the envelope must be signed by one of them (repeatable)',
  },
  'ignore-signature': {
    type: 'boolean',
    description: 'open a signed envelope without checking who signed it (the sender is not authenticated)',
  },
};

/** The signing key given with `--sign`, if any. */
export async function signerOption(options: OptionValues): Promise<SigningSecretKey | undefined> {
  const path = stringOption(options, 'sign');
  return path === undefined ? undefined : loadSigningKey(path, '--sign');
}

/** The signature rules of `--trust` and `--ignore-signature` (they exclude each other). */
export async function signatureCheckOptions(
  options: OptionValues,
  command: string,
): Promise<SignatureOptions> {
  const paths = listOption(options, 'trust');
  const ignore = flag(options, 'ignore-signature');
  if (ignore && paths.length > 0) throw usageError('--trust and --ignore-signature exclude each other');
  if (ignore) return { ignoreSignature: true };
  return paths.length === 0 ? {} : { trust: await loadTrustStore(paths, command) };
}

/** Where a command that rewrites an envelope writes: `--out`, or FILE itself (atomically, its mode kept). */
export async function rewriteTarget(
  options: OptionValues,
  file: string,
): Promise<{
  readonly out: string;
  readonly force: boolean;
  readonly keepMode: boolean;
  readonly source: string;
}> {
  const out = stringOption(options, 'out') ?? file;
  const inPlace = out === file;
  const force = flag(options, 'force') || inPlace;
  const source = inPlace ? INPUT_FILE : '--out';
  if (!inPlace) await refuseOverwrite(out, force, source);
  return { out, force, keepMode: inPlace, source };
}

/** What a `--json` report says about an envelope file: its size, form, stanzas and claimed signer. */
export interface EnvelopeFacts {
  readonly bytes: number;
  readonly armored: boolean;
  readonly plaintextBytes?: number;
  readonly stanzas: readonly {
    readonly layers: readonly { readonly kind: string; readonly keyId: string }[];
  }[];
  readonly signer?: { readonly algorithm: string; readonly keyId: string };
}

/** Reads the header of an envelope file for a `--json` report (no key is used). */
export async function envelopeFacts(path: string): Promise<EnvelopeFacts> {
  const { head, size } = await envelopeStart(path, 'the report');
  const armored = looksArmored(head);
  const info = armored ? inspect(await readArmored(path)) : inspect(head, { totalBytes: size });
  return {
    bytes: size,
    armored,
    ...(info.plaintextBytes === undefined ? {} : { plaintextBytes: info.plaintextBytes }),
    stanzas: info.stanzas.map((stanza) => ({
      layers: stanza.layers.map(({ kind, kid }) => ({ kind, keyId: kid })),
    })),
    ...(info.signer === undefined
      ? {}
      : { signer: { algorithm: info.signer.algorithm, keyId: info.signer.keyId } }),
  };
}
