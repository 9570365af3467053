import { importKeyring, unprotectKeyring, type Keyring } from 'mamlkit/envelope';
import {
  createTrustStore,
  importSigningSecretJwk,
  type SigningPublicKey,
  type SigningSecretKey,
  type TrustStore,
} from 'mamlkit/sign';
import { listOption, stringOption, type OptionSpec, type OptionValues } from './command.js';
import { asUsageError, CliError, usageError } from './errors.js';
import { expectFileKind, sniffFileKind, SNIFF_BYTES, type FileKind } from './file-kind.js';
import { readLimitedText, sourceName } from './io.js';
import { keyFileLabel, readKeyFile, type KeyFile } from './key-kinds.js';
import { secretKeyError } from './trust-file.js';

/** `--trust PUBKEY`, repeatable: the trusted public signing keys, or one trust file. */
export const TRUST_OPTION: OptionSpec = {
  type: 'string',
  short: 't',
  multiple: true,
  value: 'PUBKEY',
  description:
    'a trusted public signing key (KEY.pub from keygen), or one trust file (key trust: expiry, revocation, algorithms)',
};

/** The option trusted keys come from, named in messages. */
const TRUST_SOURCE = '--trust';

/** Key files are small (the sniffer sees all of one); anything larger is not a key file. */
export const MAX_KEY_FILE_BYTES: number = SNIFF_BYTES;

/** Reads a key file given with the option `source`, refuses another kind of file, and converts it. */
async function loadKeyFile<T>(
  path: string,
  source: string,
  kind: 'secret-signing-key' | 'public-signing-key',
  convert: (text: string) => T,
): Promise<T> {
  const text = await readLimitedText(path, MAX_KEY_FILE_BYTES, source);
  expectFileKind(
    text,
    path,
    source,
    [kind],
    kind === 'secret-signing-key' ? 'a secret signing key' : 'a public signing key',
  );
  return asUsageError(sourceName(source, path), () => convert(text));
}

/** An ML-DSA secret key from a JWK file written by `mamlkit keygen`, given with the option `source`. */
export function loadSigningKey(path: string, source: string): Promise<SigningSecretKey> {
  return loadKeyFile(path, source, 'secret-signing-key', importSigningSecretJwk);
}

/** The kinds of file that name trusted keys (a secret key is read only to be refused by name). */
const TRUST_KINDS: readonly FileKind[] = ['public-signing-key', 'secret-signing-key', 'trust-file'];

/** A key file given with the option or role `source` (at most 1 MiB), read as {@link readKeyFile} reads it. */
async function readAnyKeyFile(
  path: string,
  source: string,
  kinds: readonly FileKind[],
  wanted: string,
): Promise<KeyFile> {
  return readKeyFile(await readLimitedText(path, MAX_KEY_FILE_BYTES, source), path, source, kinds, wanted);
}

/** The public signing key of a key file; anything else, a secret key above all, is refused. */
function publicKeyOf(path: string, file: KeyFile, takes: string): SigningPublicKey {
  if (file.kind !== 'signing-key')
    throw new CliError('ERR_KEY_KIND', `${path} is ${keyFileLabel(file)}: ${takes}`);
  if (file.key.type === 'secret') throw secretKeyError(path, 'the file');
  return file.key;
}

/** A key file that must hold a public signing key (for a trust file of them). */
export async function loadPublicSigningKey(path: string, source: string): Promise<SigningPublicKey> {
  const file = await readAnyKeyFile(path, source, TRUST_KINDS.slice(0, 2), 'a public signing key');
  return publicKeyOf(path, file, 'a trust file lists public signing keys');
}

/**
 * The trust store of `--trust`: public signing key files (their keys, no constraints), or one
 * trust file (keys with `notAfter`, revoked key ids, an algorithm allow-list). A secret key is
 * refused, and so is a trust file given with other `--trust` files: one file states the rules.
 */
export async function loadTrustStore(paths: readonly string[], command: string): Promise<TrustStore> {
  if (paths.length === 0) throw usageError(`${command} needs at least one --trust PUBKEY`);
  const files = await Promise.all(
    paths.map(async (path) => ({
      path,
      file: await readAnyKeyFile(path, TRUST_SOURCE, TRUST_KINDS, 'a public signing key or a trust file'),
    })),
  );
  const trustFile = files.find(({ file }) => file.kind === 'trust-file');
  if (trustFile !== undefined && files.length > 1) {
    throw usageError(
      `${trustFile.path} is a trust file: give it as the only --trust (list every key in it with 'mamlkit key trust')`,
    );
  }
  if (trustFile?.file.kind === 'trust-file') return trustFile.file.store;
  const keys = files.map(({ path, file }) =>
    publicKeyOf(path, file, '--trust takes public signing keys (KEY.pub from keygen) or a trust file'),
  );
  return asUsageError(sourceName(TRUST_SOURCE, paths.join(', ')), () => createTrustStore(keys));
}

/** `--passphrase-file FILE`: where passphrases come from (else `MAMLKIT_PASSPHRASE`). */
export const PASSPHRASE_FILE_OPTION: OptionSpec = {
  type: 'string',
  value: 'FILE',
  description:
    'the passphrase of passphrase layers and protected key files (first line of FILE; default: MAMLKIT_PASSPHRASE)',
};

/** The environment variable a passphrase is read from when no `--passphrase-file` is given. */
export const PASSPHRASE_ENV = 'MAMLKIT_PASSPHRASE';

/** Longest passphrase file. */
const MAX_PASSPHRASE_FILE_BYTES = 64 * 1024;

/** Gives the passphrase when one is needed (read once, only then). */
export type PassphraseSource = () => Promise<string>;

/**
 * The passphrase of `--passphrase-file` (its first line) or of `MAMLKIT_PASSPHRASE`, read only
 * when a key file needs it. A passphrase is never taken from the command line, where other
 * users see it (`ps`) and shells keep it (history).
 */
export function passphraseSource(options: OptionValues): PassphraseSource {
  let cached: Promise<string> | undefined;
  const read = async (): Promise<string> => {
    const file = stringOption(options, 'passphrase-file');
    const text =
      file === undefined
        ? process.env[PASSPHRASE_ENV]
        : (await readLimitedText(file, MAX_PASSPHRASE_FILE_BYTES, '--passphrase-file')).split(/\r?\n/)[0];
    if (text === undefined || text === '') {
      throw usageError(
        `a passphrase is needed: put it in a file for --passphrase-file FILE or in ${PASSPHRASE_ENV} (never on the command line)`,
      );
    }
    return text;
  };
  return () => (cached ??= read());
}

/** Whether keyring text names a passphrase layer (a placeholder line). */
function asksForPassphrase(text: string): boolean {
  return text.split('\n').some((line) => line.trim().startsWith('mamlkit-key-1:passphrase:'));
}

/** The kinds a keyring file may be: plain text, public, or protected by a passphrase (armored). */
const KEYRING_KINDS: readonly FileKind[] = ['keyring', 'public-keyring', 'armored-envelope'];
/** The kinds a keyring file that opens envelopes may be. */
const SECRET_KEYRING_KINDS: readonly FileKind[] = ['keyring', 'armored-envelope'];

/**
 * The text of a key file given with the option or role `source`: protected files are opened
 * with the passphrase first. With `kinds`, a file of another kind is refused.
 */
export async function keyringText(
  path: string,
  source: string,
  passphrase: PassphraseSource,
  kinds?: readonly FileKind[],
): Promise<string> {
  const text = await readLimitedText(path, MAX_KEY_FILE_BYTES, source);
  const kind =
    kinds === undefined
      ? sniffFileKind(text)
      : expectFileKind(text, path, source, kinds, kinds === KEYRING_KINDS ? 'a keyring' : 'a secret keyring');
  if (kind !== 'armored-envelope') return text;
  const secret = await passphrase();
  return asUsageError(sourceName(source, path), () => unprotectKeyring(text, secret));
}

/**
 * The keyring that opens an envelope: `--keyring`, required, given once per file and assembled
 * in order ({@link loadKeyring}).
 */
export async function openingKeyring(
  options: OptionValues,
  command: string,
  passphrase: PassphraseSource,
): Promise<Keyring> {
  const paths = listOption(options, 'keyring');
  if (paths.length === 0) throw usageError(`${command} needs --keyring (see 'mamlkit ${command} --help')`);
  return loadKeyring(paths, '--keyring', passphrase, SECRET_KEYRING_KINDS);
}

/**
 * One keyring assembled from key files in order (`--keyring` given several times: one file per
 * custodian): their layers, file after file, checked together (no key twice). Protected key
 * files and passphrase layers take the passphrase of {@link passphraseSource}. `source` is the
 * option that named the files; `kinds` the kinds of key file it takes.
 */
export async function loadKeyring(
  paths: string | readonly string[],
  source: string,
  passphrase: PassphraseSource,
  kinds: readonly FileKind[] = KEYRING_KINDS,
): Promise<Keyring> {
  const list = typeof paths === 'string' ? [paths] : paths;
  const texts = await Promise.all(list.map((path) => keyringText(path, source, passphrase, kinds)));
  const text = texts.join('\n');
  const options = asksForPassphrase(text) ? { passphrase: await passphrase() } : {};
  return asUsageError(sourceName(source, list.join(' + ')), () => importKeyring(text, options));
}

/** The keyrings of the option `source` (`--keyring`, `--to`…) whose files each name one whole keyring. */
export async function loadKeyrings(
  paths: readonly string[],
  source: string,
  command: string,
  passphrase: PassphraseSource,
): Promise<Keyring[]> {
  if (paths.length === 0) throw usageError(`${command} needs ${source} KEYRING`);
  const keyrings: Keyring[] = [];
  for (const path of paths) keyrings.push(await loadKeyring(path, source, passphrase));
  return keyrings;
}
