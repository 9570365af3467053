import { detachedHasher, MAX_SIGNED_MAML_CHARS, signDetached, signMaml } from 'mamlkit/sign';
import { flag, FORCE_OPTION, positionals, requiredOption, stringOption, type Command } from '../command.js';
import { EXIT_OK, usageError } from '../errors.js';
import {
  decodeText,
  hashInput,
  INPUT_FILE,
  OUTPUT_FILE,
  readInput,
  refuseOverwrite,
  STDIO,
  writeOutput,
} from '../io.js';
import { expectMaml } from '../file-kind.js';
import { printStatus } from '../output.js';
import { loadSigningKey } from '../key-files.js';

/** Largest MAML file read for signing or verifying: UTF-8 needs at most 3 bytes per UTF-16 code unit. */
export const MAX_SIGNED_MAML_BYTES: number = MAX_SIGNED_MAML_CHARS * 3;

/** `mamlkit sign`: embedded or detached ML-DSA signatures. */
export const sign: Command = {
  name: 'sign',
  summary: 'sign a MAML file (embedded signature block) or any file (detached signature)',
  usage: [
    'sign FILE --key KEY [--out PATH]',
    'sign FILE --key KEY --detached [--out FILE.sig] [--trusted-comment TEXT] [--comment TEXT]',
  ],
  options: {
    key: {
      type: 'string',
      short: 'k',
      value: 'KEY',
      description: 'secret signing key (JWK from keygen; required)',
    },
    detached: {
      type: 'boolean',
      short: 'd',
      description: 'write a detached signature instead of editing FILE',
    },
    out: {
      type: 'string',
      short: 'o',
      value: 'PATH',
      description: 'output (default: FILE itself when embedded, FILE.sig when detached; - for stdout)',
    },
    'trusted-comment': {
      type: 'string',
      value: 'TEXT',
      description: 'signed one-line comment (detached only)',
    },
    comment: { type: 'string', value: 'TEXT', description: 'unsigned one-line comment (detached only)' },
    force: FORCE_OPTION,
  },
  notes: [
    'Embedded: appends a maml-signature block to the ## Signatures section of FILE (co-signing keeps\n' +
      'earlier signatures valid) and replaces FILE atomically. Detached: writes a small text\n' +
      'signature over the exact bytes of FILE, of any size, read in chunks (memory stays constant).\n' +
      'FILE - reads standard input and writes to standard output.',
  ],
  examples: [
    'mamlkit sign workflow.maml.md --key release.jwk',
    'mamlkit sign model.bin --key release.jwk --detached --trusted-comment "model 1.2"',
  ],
  async run(input) {
    const [file = STDIO] = positionals(input, 'sign', { min: 1, max: 1 }, 'one FILE');
    const { options } = input;
    const detached = flag(options, 'detached');
    const key = await loadSigningKey(requiredOption(options, 'key', 'sign'), '--key');
    const force = flag(options, 'force');
    const explicitOut = stringOption(options, 'out');
    const outSource = explicitOut === undefined ? OUTPUT_FILE : '--out';
    if (!detached && (options['comment'] !== undefined || options['trusted-comment'] !== undefined)) {
      throw usageError('--comment and --trusted-comment apply to --detached signatures');
    }
    if (detached) {
      const out = explicitOut ?? (file === STDIO ? STDIO : `${file}.sig`);
      await refuseOverwrite(out, force, outSource);
      const comment = stringOption(options, 'comment');
      const trustedComment = stringOption(options, 'trusted-comment');
      const digest = (await hashInput(file, INPUT_FILE, detachedHasher())).digest();
      const signature = signDetached(digest, key, {
        ...(comment === undefined ? {} : { comment }),
        ...(trustedComment === undefined ? {} : { trustedComment }),
      });
      await writeOutput(out, signature, { force, source: outSource });
      printStatus(out, [`signed ${file} with ${key.keyId} (${key.algorithm}): ${out}`]);
      return EXIT_OK;
    }
    const out = explicitOut ?? file;
    const inPlace = out === file;
    if (!inPlace) await refuseOverwrite(out, force, '--out');
    const bytes = await readInput(file, MAX_SIGNED_MAML_BYTES, INPUT_FILE);
    expectMaml(bytes, file, INPUT_FILE);
    const text = decodeText(bytes, file, INPUT_FILE);
    const signed = signMaml(text, key);
    await writeOutput(out, signed, {
      force: force || inPlace,
      keepMode: inPlace,
      source: inPlace ? INPUT_FILE : '--out',
    });
    printStatus(out, [`signed ${file} with ${key.keyId} (${key.algorithm})${inPlace ? '' : `: ${out}`}`]);
    return EXIT_OK;
  },
};
