import {
  dearmor,
  ENVELOPE_LIMITS,
  openStream,
  type EnvelopeSigner,
  type OpenedHeader,
} from 'mamlkit/envelope';
import {
  flag,
  FORCE_OPTION,
  JSON_OPTION,
  positionals,
  QUIET_OPTION,
  stringOption,
  type Command,
} from '../command.js';
import { EXIT_OK } from '../errors.js';
import {
  looksArmored,
  openedName,
  SIGNATURE_CHECK_OPTIONS,
  signatureCheckOptions,
} from '../envelope-files.js';
import {
  byteSource,
  decodeText,
  fileSize,
  INPUT_FILE,
  OUTPUT_FILE,
  readAll,
  refuseOverwrite,
  SECRET_MODE,
  STDIO,
} from '../io.js';
import { ENVELOPE_KINDS, expectFileKind } from '../file-kind.js';
import { openingKeyring, PASSPHRASE_FILE_OPTION, passphraseSource } from '../key-files.js';
import { jsonWanted, printJson, printStatus } from '../output.js';
import { bytesStream, peek, pipeFile, webStream } from '../streams.js';

/** The envelope bytes of a source (binary ones as they stream, armored ones decoded first) and their size when known. */
async function envelopeStream(file: string): Promise<{ stream: ReadableStream<Uint8Array>; size?: number }> {
  const { first, whole } = await peek(byteSource(file, INPUT_FILE));
  expectFileKind(first, file, INPUT_FILE, ENVELOPE_KINDS, 'an envelope');
  if (!looksArmored(first)) {
    const size = await fileSize(file, INPUT_FILE);
    return size === undefined ? { stream: webStream(whole) } : { stream: webStream(whole), size };
  }
  const envelope = dearmor(decodeText(await readAll(whole, ENVELOPE_LIMITS.maxArmorChars), file, INPUT_FILE));
  return { stream: bytesStream(envelope), size: envelope.length };
}

/** What `open --json` prints. */
export interface OpenReport {
  readonly file: string;
  readonly out: string;
  readonly bytes: number;
  /** The signer named by the header the stream authenticated. */
  readonly signer?: EnvelopeSigner;
  /** The signer's key id, when the stream checked its signature against `--trust`. */
  readonly verifiedBy?: string;
}

/**
 * The report of an envelope opened without error, from the header its stream authenticated
 * (`onHeader`), never from a second read of the file, which may have changed since.
 *
 * @example
 * ```ts
 * openReport('a.mkenv', 'a', 5, { version: 2, contentType: '', chunkSize: 65536, signer, signatureChecked: true });
 * // { file: 'a.mkenv', out: 'a', bytes: 5, signer, verifiedBy: signer.keyId }
 * ```
 */
export function openReport(
  file: string,
  out: string,
  bytes: number,
  header: OpenedHeader | undefined,
): OpenReport {
  const signer = header?.signer;
  return {
    file,
    out,
    bytes,
    ...(signer === undefined ? {} : { signer }),
    ...(signer === undefined || header?.signatureChecked !== true ? {} : { verifiedBy: signer.keyId }),
  };
}

/** `mamlkit open`: decrypt an envelope. */
export const open: Command = {
  name: 'open',
  summary: 'decrypt an envelope (binary or armored); a failed open leaves no output behind',
  usage: [
    'open FILE.mkenv --keyring KEYRING… [--passphrase-file FILE] [--trust PUBKEY… | --ignore-signature] [--out PATH]',
  ],
  options: {
    keyring: {
      type: 'string',
      short: 'k',
      multiple: true,
      value: 'KEYRING',
      description: 'the secret keyring (required); several files are one keyring, layer files in order',
    },
    'passphrase-file': PASSPHRASE_FILE_OPTION,
    out: {
      type: 'string',
      short: 'o',
      value: 'PATH',
      description: 'output (default FILE without .mkenv or .mkenv.asc; - for stdout)',
    },
    ...SIGNATURE_CHECK_OPTIONS,
    force: FORCE_OPTION,
    quiet: QUIET_OPTION,
    json: JSON_OPTION,
  },
  notes: [
    'The plaintext is written to a temporary file (mode 0600) that is renamed into place only after\n' +
      'every chunk authenticated: a wrong key, a tampered or a truncated envelope leaves nothing\n' +
      'behind. With --out -, chunks go to standard output as each one authenticates, and a failure\n' +
      'is reported by the exit status. Memory use does not grow with the file size.',
    'Custody: with one key file per custodian (keygen --split), give every file with --keyring, layer 1\n' +
      'first. A passphrase layer or a protected key file reads the passphrase from --passphrase-file\n' +
      'or MAMLKIT_PASSPHRASE, never from the command line.',
    'With --trust, the envelope must be signed by one of the trusted keys and its signature must\n' +
      'verify (checked after the last chunk, before the output is kept). A signed envelope opened\n' +
      'without --trust is refused unless --ignore-signature says to skip the check.',
    'Exit status: 0 opened, 1 not opened (wrong keyring, tampered, truncated, unsigned or untrusted\n' +
      'signer, bad signature), 2 usage or I/O error.',
  ],
  examples: [
    'mamlkit open workflow.maml.md.mkenv --keyring vault.keyring',
    'mamlkit open data.mkenv --keyring vault.keyring --out -',
    'mamlkit open data.mkenv -k keys/layer-1-aes-siv.key -k keys/layer-2-aes-siv.key -k keys/layer-3-passphrase.key --passphrase-file pass.txt',
    'mamlkit open report.pdf.mkenv --keyring inbox.keyring --trust release.pub',
  ],
  async run(input) {
    const [file = STDIO] = positionals(input, 'open', { min: 1, max: 1 }, 'one FILE');
    const { options } = input;
    const keyring = await openingKeyring(options, 'open', passphraseSource(options));
    const signatures = await signatureCheckOptions(options, 'open');
    const explicitOut = stringOption(options, 'out');
    const out = explicitOut ?? (file === STDIO ? STDIO : openedName(file));
    const source = explicitOut === undefined ? OUTPUT_FILE : '--out';
    const force = flag(options, 'force');
    const json = jsonWanted(options, out);
    await refuseOverwrite(out, force, source);
    const { stream, size } = await envelopeStream(file);
    const seen: { header?: OpenedHeader } = {};
    const onHeader = (header: OpenedHeader): void => {
      seen.header = header;
    };
    await pipeFile(stream, [openStream(keyring, { ...signatures, onHeader })], out, {
      force,
      mode: SECRET_MODE,
      source,
      size,
      label: 'opening',
      quiet: flag(options, 'quiet'),
    });
    if (json) {
      printJson(openReport(file, out, (await fileSize(out, source)) ?? 0, seen.header));
      return EXIT_OK;
    }
    const verified = seen.header?.signatureChecked === true ? ' (signed by a trusted key)' : '';
    printStatus(out, [`opened ${file}${verified}: ${out}`]);
    return EXIT_OK;
  },
};
