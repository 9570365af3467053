import { exportLayerKey, importKeyring, LAYER_KINDS, type LayerKey } from 'mamlkit/envelope';
import {
  importSigningPublicJwk,
  importSigningSecretJwk,
  type SigningPublicKey,
  type SigningSecretKey,
  type TrustStore,
} from 'mamlkit/sign';
import { asUsageError, CliError } from './errors.js';
import { expectFileKind, type FileKind } from './file-kind.js';
import { parseTrustFile, readJsonFile } from './trust-file.js';

/** What a layer of a key file holds: a secret key, only its public half, or a passphrase placeholder. */
export type LayerHolding = 'secret' | 'public' | 'passphrase';

/** A key file as `mamlkit key info` sees it. */
export type KeyFile =
  | { readonly kind: 'signing-key'; readonly key: SigningPublicKey | SigningSecretKey }
  | { readonly kind: 'trust-file'; readonly store: TrustStore }
  | { readonly kind: 'keyring'; readonly protected: true }
  | {
      readonly kind: 'keyring';
      readonly protected: false;
      readonly layers: readonly (LayerKey & { readonly holding: LayerHolding })[];
    };

/** Stands in for a passphrase when a keyring is only described: nothing is sealed or opened with it. */
const DESCRIBE_ONLY_PASSPHRASE = 'not used: the keyring is only described';

function descriptorOf(layer: LayerKey): (typeof LAYER_KINDS)[number] | undefined {
  return LAYER_KINDS.find((descriptor) => descriptor.kind === layer.kind);
}

/** What a layer holds (see {@link LayerHolding}). */
function holding(layer: LayerKey): LayerHolding {
  const descriptor = descriptorOf(layer);
  if (descriptor?.placeholder !== undefined) return 'passphrase';
  return descriptor?.openProblem(layer as never) === undefined ? 'secret' : 'public';
}

/** Whether a kind seals without its secret: it has a public part, or a placeholder (a passphrase). */
function sealsInPublic(descriptor: (typeof LAYER_KINDS)[number] | undefined): boolean {
  return (
    descriptor?.placeholder !== undefined || descriptor?.parts.some((part) => part.name === 'public') === true
  );
}

/** Kinds whose layers have a public form (what a public sealing keyring may hold). */
export const PUBLIC_FORM_KINDS: readonly string[] = LAYER_KINDS.filter(sealsInPublic).map(
  (descriptor) => descriptor.kind,
);

/**
 * The line that seals for a layer without opening (a KEM public key, a passphrase placeholder),
 * or `undefined` for a kind with no public form (a symmetric key is its own secret).
 */
export function publicLayerLine(layer: LayerKey): string | undefined {
  return sealsInPublic(descriptorOf(layer)) ? exportLayerKey(layer, { public: true }) : undefined;
}

/** The first comment line of keyring text. */
export function keyringHeader(count: number): string {
  return `# mamlkit keyring: ${count} layer(s), layer 1 first; every layer is needed to open\n`;
}

/** A public sealing keyring's text from its layer lines (the form keygen writes to KEYRING.pub). */
export function publicKeyringText(lines: readonly string[]): string {
  return `${keyringHeader(lines.length)}# public sealing keyring: seals, cannot open\n${lines.join('\n')}\n`;
}

/** A JWK as key-file text. */
export function jwkText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function readKeyring(text: string, path: string): KeyFile {
  const keyring = asUsageError(path, () => importKeyring(text, { passphrase: DESCRIBE_ONLY_PASSPHRASE }));
  return {
    kind: 'keyring',
    protected: false,
    layers: keyring.layers.map((layer) => ({ ...layer, holding: holding(layer) })),
  };
}

/** The kinds of key file {@link readKeyFile} reads (an armored envelope is a protected keyring). */
export const KEY_FILE_KINDS: readonly FileKind[] = [
  'secret-signing-key',
  'public-signing-key',
  'trust-file',
  'keyring',
  'public-keyring',
  'armored-envelope',
];

/** Why a file of no kind the sniffer knows is no key file: its JSON error, or what mamlkit reads. */
function notAKeyFile(text: string, path: string): CliError {
  if (!text.trimStart().startsWith('{')) {
    return new CliError(
      'ERR_KEY_KIND',
      `${path} is not a key file mamlkit reads (a signing key JWK, a keyring or a trust file)`,
    );
  }
  readJsonFile(text, path);
  return new CliError(
    'ERR_KEY_KIND',
    `${path} is JSON but neither an ML-DSA key ("kty": "AKP") nor a trust file ("type": "mamlkit-trust")`,
  );
}

/**
 * Reads a key file given with the option or role `source` as the kind {@link sniffFileKind} names
 * it (signing key JWK, trust file, keyring, protected keyring); a kind other than `kinds` is
 * refused by name. JSON is read strictly (a duplicate member is an error).
 *
 * @throws {CliError} `ERR_FILE_KIND` for a known kind that is not wanted, `ERR_KEY_KIND` for a
 * file of no kind mamlkit knows, and the errors of each reader naming `path`.
 */
export function readKeyFile(
  text: string,
  path: string,
  source: string,
  kinds: readonly FileKind[] = KEY_FILE_KINDS,
  wanted = 'a key file',
): KeyFile {
  const kind = expectFileKind(text, path, source, kinds, wanted);
  switch (kind) {
    case 'trust-file':
      return { kind: 'trust-file', store: parseTrustFile(readJsonFile(text, path), path) };
    case 'secret-signing-key':
      return {
        kind: 'signing-key',
        key: asUsageError(path, () => importSigningSecretJwk(readJsonFile(text, path))),
      };
    case 'public-signing-key':
      return {
        kind: 'signing-key',
        key: asUsageError(path, () => importSigningPublicJwk(readJsonFile(text, path))),
      };
    case 'keyring':
    case 'public-keyring':
      return readKeyring(text, path);
    case 'armored-envelope':
      return { kind: 'keyring', protected: true };
    default:
      throw notAKeyFile(text, path);
  }
}

/** How a key file is named in messages. */
export function keyFileLabel(file: KeyFile): string {
  if (file.kind === 'trust-file') return 'a trust file';
  if (file.kind === 'signing-key') return `a ${file.key.type} signing key`;
  return file.protected ? 'a protected keyring' : 'an envelope keyring';
}
