import { importKeyring, type Keyring } from 'mamlkit/envelope';
import {
  createTrustStore,
  importSigningPublicJwk,
  importSigningSecretJwk,
  type SigningSecretKey,
  type TrustStore,
} from 'mamlkit/sign';
import type { OptionSpec } from './command.js';
import { asUsageError, usageError } from './errors.js';
import { readLimitedText } from './io.js';

/** `--trust PUBKEY`, repeatable: the trusted public signing keys. */
export const TRUST_OPTION: OptionSpec = {
  type: 'string',
  short: 't',
  multiple: true,
  value: 'PUBKEY',
  description: 'a trusted public signing key (JWK, for example KEY.pub from keygen)',
};

/** Key files are small; anything larger is not a key file. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

/** Reads a key file and converts it. */
async function loadKeyFile<T>(path: string, convert: (text: string) => T): Promise<T> {
  const text = await readLimitedText(path, MAX_KEY_FILE_BYTES);
  return asUsageError(path, () => convert(text));
}

/** An ML-DSA secret key from a JWK file written by `mamlkit keygen`. */
export function loadSigningKey(path: string): Promise<SigningSecretKey> {
  return loadKeyFile(path, importSigningSecretJwk);
}

/** A trust store of the public JWK files given with `--trust`. */
export async function loadTrustStore(paths: readonly string[], command: string): Promise<TrustStore> {
  if (paths.length === 0) throw usageError(`${command} needs at least one --trust PUBKEY`);
  const keys = await Promise.all(paths.map((path) => loadKeyFile(path, importSigningPublicJwk)));
  return asUsageError(paths.join(', '), () => createTrustStore(keys));
}

/** An envelope keyring from a text file written by `mamlkit keygen` (one layer per line). */
export function loadKeyring(path: string): Promise<Keyring> {
  return loadKeyFile(path, importKeyring);
}
