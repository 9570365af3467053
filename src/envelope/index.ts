/**
 * `mamlkit/envelope`: four-key layered envelope encryption with post-quantum layers and streaming.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { EnvelopeError, type EnvelopeErrorCode } from './errors.js';
export { ENVELOPE_LIMITS } from './limits.js';
export type { RandomSource } from './random.js';
export type { EnvelopeBackend } from './backend.js';
export { generateLayerKey, symmetricLayerKey, type SymmetricLayerKey } from './layers/aes-siv.js';
export {
  generateRecipientKeyPair,
  recipientKeyPairFromSeed,
  recipientPublicKey,
  type KemKind,
  type KeyGenOptions,
  type RecipientKeyPair,
  type RecipientPublicKey,
} from './layers/kem.js';
export { passphraseLayer, type PassphraseLayerKey } from './layers/passphrase.js';
export { externalLayer, type ExternalLayerKey } from './layers/external.js';
export { LAYER_KINDS, type LayerKey, type LayerKind } from './layers/index.js';
export type { ExternalCallbacks, KeyImportOptions, LayerDescriptor } from './layers/descriptor.js';
export { sealingLayer } from './keys.js';
export { createKeyring, generateKeyring, sealingKeyring, type Keyring } from './keyring.js';
export {
  exportKeyring,
  exportLayerKey,
  exportLayerKeyJwk,
  importKeyring,
  importLayerKey,
  importLayerKeyJwk,
  layerPlaceholder,
  type KeyExportOptions,
  type LayerKeyJwk,
} from './key-text.js';
export type { HeaderOpenOptions, HeaderOptions, Recipients, SealOptions } from './message.js';
export { seal, sealSync, type AsyncSealOptions } from './seal.js';
export {
  open,
  openSync,
  openWithInfo,
  type AsyncOpenOptions,
  type OpenOptions,
  type OpenResult,
} from './open.js';
export type { SignatureOptions, VerifiedSigner } from './signature.js';
export type { EnvelopeSigner } from './signer.js';
export { openStream, sealStream, type OpenedHeader, type OpenStreamOptions } from './stream.js';
export { rewrap, type RewrapOptions } from './rewrap.js';
export { reencrypt, reencryptStream, type ReencryptOptions } from './reencrypt.js';
export { inspect, type EnvelopeInfo, type InspectOptions } from './inspect.js';
export { armor, dearmor } from './armor.js';
export { isProtectedKeyring, PROTECTED_KEYRING_TYPE, protectKeyring, unprotectKeyring } from './protect.js';
