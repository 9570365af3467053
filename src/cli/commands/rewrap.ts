import { inspect, rewrap as rewrapEnvelope, type RewrapOptions } from 'mamlkit/envelope';
import {
  FORCE_OPTION,
  JSON_OPTION,
  listOption,
  positionals,
  QUIET_OPTION,
  type Command,
} from '../command.js';
import { usageError } from '../errors.js';
import { openingKeyring, loadKeyrings, PASSPHRASE_FILE_OPTION, passphraseSource } from '../key-files.js';
import { CURRENT_KEYRING_OPTION, REWRITE_OUT_OPTION, rewriteEnvelope } from '../rewrite-envelope.js';

/** `mamlkit rewrap`: add or remove recipients without re-encrypting the payload. */
export const rewrap: Command = {
  name: 'rewrap',
  summary: 'change who may open this copy of an envelope (add or remove keyrings; not rotation)',
  usage: ['rewrap FILE.mkenv --keyring CURRENT… [--add KEYRING]… [--remove KEYRING]… [--out PATH]'],
  options: {
    keyring: CURRENT_KEYRING_OPTION,
    'passphrase-file': PASSPHRASE_FILE_OPTION,
    add: { type: 'string', multiple: true, value: 'KEYRING', description: 'keyring to add a stanza for' },
    remove: {
      type: 'string',
      multiple: true,
      value: 'KEYRING',
      description: 'keyring whose stanza is removed (its public sealing keyring suffices)',
    },
    out: REWRITE_OUT_OPTION,
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
    return rewriteEnvelope(options, file, {
      command: 'rewrap',
      label: 'rewrapping',
      armored: (envelope) => rewrapEnvelope(envelope, change),
      binary: (head) => {
        const { headerBytes } = inspect(head);
        return {
          start: headerBytes,
          transforms: [],
          prefix: rewrapEnvelope(head.subarray(0, headerBytes), change),
        };
      },
      done: (out) => `rewrapped ${file}: ${out}`,
    });
  },
};
