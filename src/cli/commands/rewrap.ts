import { armor, inspect, rewrap as rewrapEnvelope, type RewrapOptions } from 'mamlkit/envelope';
import {
  flag,
  FORCE_OPTION,
  JSON_OPTION,
  listOption,
  positionals,
  QUIET_OPTION,
  type Command,
} from '../command.js';
import { EXIT_OK, usageError } from '../errors.js';
import { envelopeFacts, envelopeStart, looksArmored, readArmored, rewriteTarget } from '../envelope-files.js';
import { byteSource, INPUT_FILE, refuseBinaryToTerminal, writeOutput } from '../io.js';
import { openingKeyring, loadKeyrings, PASSPHRASE_FILE_OPTION, passphraseSource } from '../key-files.js';
import { jsonWanted, printJson, printStatus } from '../output.js';
import { pipeFile, webStream } from '../streams.js';

/** `mamlkit rewrap`: add or remove recipients without re-encrypting the payload. */
export const rewrap: Command = {
  name: 'rewrap',
  summary: 'change who may open this copy of an envelope (add or remove keyrings; not rotation)',
  usage: ['rewrap FILE.mkenv --keyring CURRENT… [--add KEYRING]… [--remove KEYRING]… [--out PATH]'],
  options: {
    keyring: {
      type: 'string',
      short: 'k',
      multiple: true,
      value: 'KEYRING',
      description:
        'a keyring that opens the envelope now (required); several files are one keyring, in order',
    },
    'passphrase-file': PASSPHRASE_FILE_OPTION,
    add: { type: 'string', multiple: true, value: 'KEYRING', description: 'keyring to add a stanza for' },
    remove: {
      type: 'string',
      multiple: true,
      value: 'KEYRING',
      description: 'keyring whose stanza is removed (its public sealing keyring suffices)',
    },
    out: {
      type: 'string',
      short: 'o',
      value: 'PATH',
      description: 'output (default: replace FILE atomically)',
    },
    force: FORCE_OPTION,
    quiet: QUIET_OPTION,
    json: JSON_OPTION,
  },
  notes: [
    'Only the header changes: the data key is unwrapped with --keyring and wrapped again for each\n' +
      '--add keyring. The payload is copied as it is, streaming, and the result replaces the output\n' +
      'only when complete.',
    'This is not key rotation: the data key and payload stay the same, so a removed keyring that\n' +
      "kept an old copy can still read this one. 'mamlkit rotate' re-encrypts with a new data key.\n" +
      'Removing a keyring that has no stanza in FILE is an error, and a signed envelope is refused\n' +
      '(its signature covers the header): rotate it instead.',
  ],
  examples: ['mamlkit rewrap archive.mkenv --keyring old.keyring --add new.keyring --remove old.keyring'],
  async run(input) {
    const [file = ''] = positionals(input, 'rewrap', { min: 1, max: 1 }, 'one FILE');
    const { options } = input;
    const passphrase = passphraseSource(options);
    const current = await openingKeyring(options, 'rewrap', passphrase);
    const addPaths = listOption(options, 'add');
    const removePaths = listOption(options, 'remove');
    if (addPaths.length + removePaths.length === 0)
      throw usageError('rewrap needs --add or --remove (or both)');
    const change: RewrapOptions = {
      open: current,
      ...(addPaths.length === 0 ? {} : { add: await loadKeyrings(addPaths, '--add', 'rewrap', passphrase) }),
      ...(removePaths.length === 0
        ? {}
        : { remove: await loadKeyrings(removePaths, '--remove', 'rewrap', passphrase) }),
    };
    const { out, force, keepMode, source } = await rewriteTarget(options, file);
    const json = jsonWanted(options, out);
    const { head, size } = await envelopeStart(file, 'rewrap');
    if (looksArmored(head)) {
      await writeOutput(out, armor(rewrapEnvelope(await readArmored(file), change)), {
        force,
        keepMode,
        source,
      });
    } else {
      refuseBinaryToTerminal(out, 'pass --out FILE');
      const { headerBytes } = inspect(head);
      const header = rewrapEnvelope(head.subarray(0, headerBytes), change);
      await pipeFile(webStream(byteSource(file, INPUT_FILE, { start: headerBytes })), [], out, {
        force,
        keepMode,
        source,
        prefix: header,
        size: size - headerBytes,
        label: 'rewrapping',
        quiet: flag(options, 'quiet'),
      });
    }
    if (json) {
      printJson({ file, out, ...(await envelopeFacts(out)) });
      return EXIT_OK;
    }
    printStatus(out, [`rewrapped ${file}: ${out}`]);
    return EXIT_OK;
  },
};
