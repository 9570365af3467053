import { armor, seal as sealBytes, sealStream, type Keyring } from 'mamlkit/envelope';
import {
  flag,
  FORCE_OPTION,
  listOption,
  positionals,
  JSON_OPTION,
  QUIET_OPTION,
  stringOption,
  type Command,
} from '../command.js';
import { EXIT_OK } from '../errors.js';
import {
  ARMOR_SUFFIX,
  checkArmorSize,
  ENVELOPE_SUFFIX,
  envelopeFacts,
  MAX_ARMORED_PLAINTEXT,
  SIGN_OPTION,
  signerOption,
} from '../envelope-files.js';
import {
  byteSource,
  fileSize,
  INPUT_FILE,
  OUTPUT_FILE,
  readInput,
  refuseBinaryToTerminal,
  refuseOverwrite,
  STDIO,
  writeOutput,
} from '../io.js';
import { loadKeyrings, PASSPHRASE_FILE_OPTION, passphraseSource } from '../key-files.js';
import { jsonWanted, printJson, printStatus } from '../output.js';
import { pipeFile, webStream } from '../streams.js';

/** `mamlkit seal`: encrypt a file under one or more keyrings. */
export const seal: Command = {
  name: 'seal',
  summary: 'encrypt a file into a four-key layered envelope (streams files of any size)',
  usage: ['seal FILE --keyring KEYRING… [--sign KEY] [--out FILE.mkenv] [--armor] [--content-type TYPE]'],
  options: {
    keyring: {
      type: 'string',
      short: 'k',
      multiple: true,
      value: 'KEYRING',
      description: 'keyring (or public sealing keyring) to seal for; several make several recipients',
    },
    out: {
      type: 'string',
      short: 'o',
      value: 'PATH',
      description: `output (default FILE${ENVELOPE_SUFFIX}, FILE${ARMOR_SUFFIX} with --armor; - for stdout)`,
    },
    armor: {
      type: 'boolean',
      short: 'a',
      description: `ASCII armor (text) output, for inputs up to ${MAX_ARMORED_PLAINTEXT >> 20} MiB`,
    },
    sign: SIGN_OPTION,
    'content-type': {
      type: 'string',
      value: 'TYPE',
      description: 'media type stored in the header, e.g. text/markdown',
    },
    'passphrase-file': PASSPHRASE_FILE_OPTION,
    force: FORCE_OPTION,
    quiet: QUIET_OPTION,
    json: JSON_OPTION,
  },
  notes: [
    'Every layer of a keyring is needed to open the envelope. The output is written to a temporary\n' +
      'file and renamed into place only when sealing succeeded. Memory use does not grow with the\n' +
      'file size (except with --armor). A progress bar shows on a terminal for inputs over 8 MiB.',
    'With --sign, the envelope carries an ML-DSA signature over its header and payload (format\n' +
      "version 2): 'mamlkit open --trust KEY.pub' then proves to each recipient that the signer wrote\n" +
      'it. Without a signature, any recipient of a multi-recipient envelope can forge one for the others.',
  ],
  examples: [
    'mamlkit seal workflow.maml.md --keyring vault.keyring',
    'mamlkit seal data.tar --keyring inbox.keyring.pub --out data.tar.mkenv',
    'mamlkit seal report.pdf --keyring inbox.keyring.pub --sign release.jwk',
  ],
  async run(input) {
    const [file = STDIO] = positionals(input, 'seal', { min: 1, max: 1 }, 'one FILE');
    const { options } = input;
    const keyrings = await loadKeyrings(
      listOption(options, 'keyring'),
      '--keyring',
      'seal',
      passphraseSource(options),
    );
    const recipients = keyrings.length === 1 ? (keyrings[0] as Keyring) : keyrings;
    const armored = flag(options, 'armor');
    const defaultOut = file === STDIO ? STDIO : `${file}${armored ? ARMOR_SUFFIX : ENVELOPE_SUFFIX}`;
    const explicitOut = stringOption(options, 'out');
    const out = explicitOut ?? defaultOut;
    const source = explicitOut === undefined ? OUTPUT_FILE : '--out';
    if (!armored) refuseBinaryToTerminal(out, 'pass --armor for text, or --out FILE');
    const force = flag(options, 'force');
    const json = jsonWanted(options, out);
    await refuseOverwrite(out, force, source);
    const contentType = stringOption(options, 'content-type');
    const signer = await signerOption(options);
    const sealOptions = {
      ...(contentType === undefined ? {} : { contentType }),
      ...(signer === undefined ? {} : { signer }),
    };
    const size = await fileSize(file, INPUT_FILE);
    if (armored) {
      checkArmorSize(size);
      const plaintext = await readInput(file, MAX_ARMORED_PLAINTEXT, INPUT_FILE);
      checkArmorSize(plaintext.length);
      await writeOutput(out, armor(await sealBytes(plaintext, recipients, sealOptions)), { force, source });
    } else {
      await pipeFile(webStream(byteSource(file, INPUT_FILE)), [sealStream(recipients, sealOptions)], out, {
        force,
        source,
        size,
        label: 'sealing',
        quiet: flag(options, 'quiet'),
      });
    }
    if (json) {
      printJson({
        file,
        out,
        ...(size === undefined ? {} : { inputBytes: size }),
        ...(await envelopeFacts(out)),
      });
      return EXIT_OK;
    }
    const signed = signer === undefined ? '' : `, signed by ${signer.keyId}`;
    printStatus(out, [`sealed ${file} for ${keyrings.length} keyring(s)${signed}: ${out}`]);
    return EXIT_OK;
  },
};
