import { reencrypt, reencryptStream, type Keyring, type ReencryptOptions } from 'mamlkit/envelope';
import {
  FORCE_OPTION,
  JSON_OPTION,
  listOption,
  positionals,
  QUIET_OPTION,
  type Command,
} from '../command.js';
import { usageError } from '../errors.js';
import {
  SIGN_OPTION,
  SIGNATURE_CHECK_OPTIONS,
  signatureCheckOptions,
  signerOption,
} from '../envelope-files.js';
import { openingKeyring, loadKeyrings, PASSPHRASE_FILE_OPTION, passphraseSource } from '../key-files.js';
import { CURRENT_KEYRING_OPTION, REWRITE_OUT_OPTION, rewriteEnvelope } from '../rewrite-envelope.js';

/** `mamlkit rotate`: re-encrypt an envelope under a new data key for new keyrings. */
export const rotate: Command = {
  name: 'rotate',
  summary: 're-encrypt an envelope for new keyrings with a new data key (real key rotation; streams)',
  usage: [
    'rotate FILE.mkenv --keyring OLD… --to NEW… [--passphrase-file FILE] [--sign KEY] [--trust PUBKEY… | --ignore-signature] [--out PATH]',
  ],
  options: {
    keyring: CURRENT_KEYRING_OPTION,
    'passphrase-file': PASSPHRASE_FILE_OPTION,
    to: {
      type: 'string',
      multiple: true,
      value: 'KEYRING',
      description:
        'keyring (or public sealing keyring) to seal the new envelope for; several make several recipients',
    },
    out: REWRITE_OUT_OPTION,
    sign: SIGN_OPTION,
    ...SIGNATURE_CHECK_OPTIONS,
    force: FORCE_OPTION,
    quiet: QUIET_OPTION,
    json: JSON_OPTION,
  },
  notes: [
    'Opens FILE with --keyring and seals its content again for the --to keyrings with a new data\n' +
      'key, message nonce and payload: the old keys, and anyone who kept an old copy, open nothing of\n' +
      "the result. ('mamlkit rewrap' only changes who may open the same copy.) The content type and\n" +
      'chunk size are kept. The result is written to a temporary file that replaces the output only\n' +
      'when the whole envelope opened (and its signature verified), in constant memory.',
    'A signed FILE needs --trust (or --ignore-signature); the new envelope is signed only with --sign.',
  ],
  examples: [
    'mamlkit rotate archive.mkenv --keyring 2026-q1.keyring --to 2026-q2.keyring',
    'mamlkit rotate report.mkenv --keyring old.keyring --to new.keyring --trust release.pub --sign release.jwk',
  ],
  async run(input) {
    const [file = ''] = positionals(input, 'rotate', { min: 1, max: 1 }, 'one FILE');
    const { options } = input;
    const passphrase = passphraseSource(options);
    const current = await openingKeyring(options, 'rotate', passphrase);
    const toPaths = listOption(options, 'to');
    if (toPaths.length === 0) throw usageError('rotate needs --to KEYRING');
    const keyrings = await loadKeyrings(toPaths, '--to', 'rotate', passphrase);
    const signer = await signerOption(options);
    const change: ReencryptOptions = {
      open: current,
      to: keyrings.length === 1 ? (keyrings[0] as Keyring) : keyrings,
      ...(await signatureCheckOptions(options, 'rotate')),
      ...(signer === undefined ? {} : { signer }),
    };
    return rewriteEnvelope(options, file, {
      command: 'rotate',
      label: 'rotating',
      armored: (envelope) => reencrypt(envelope, change),
      binary: () => ({ start: 0, transforms: [reencryptStream(change)] }),
      done: (out) => `rotated ${file} for ${keyrings.length} keyring(s) with a new data key: ${out}`,
    });
  },
};
