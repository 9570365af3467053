import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { native } from '#native';
import type { NativeHashName } from '../native/types.js';
import { concat, utf8 } from './bytes.js';

/** Every label of the format (see docs/spec/envelope.md, "Labels"). */
export const LABELS: {
  readonly layerWrap: Uint8Array;
  readonly kemLayer: Uint8Array;
  readonly payload: Uint8Array;
  readonly commitment: Uint8Array;
  readonly headerMac: Uint8Array;
  readonly keyId: Uint8Array;
  readonly passphrase: Uint8Array;
  readonly external: Uint8Array;
} = {
  layerWrap: /* @__PURE__ */ utf8('mamlkit-envelope/v1 layer-wrap'),
  kemLayer: /* @__PURE__ */ utf8('mamlkit-envelope/v1 kem-layer'),
  payload: /* @__PURE__ */ utf8('mamlkit-envelope/v1 payload'),
  commitment: /* @__PURE__ */ utf8('mamlkit-envelope/v1 commitment'),
  headerMac: /* @__PURE__ */ utf8('mamlkit-envelope/v1 header-mac'),
  keyId: /* @__PURE__ */ utf8('mamlkit-envelope/v1 key-id'),
  passphrase: /* @__PURE__ */ utf8('mamlkit-envelope/v2 passphrase'),
  external: /* @__PURE__ */ utf8('mamlkit-envelope/v2 external'),
};

/** Keys derived from one data key (DEK) and message nonce. */
export interface MessageKeys {
  /** AES-256-GCM key for the payload chunks. */
  readonly payloadKey: Uint8Array;
  /** Key-commitment value stored in the header. */
  readonly commitment: Uint8Array;
  /** HMAC-SHA-512 key for the header MAC. */
  readonly macKey: Uint8Array;
}

const NOBLE_HASHES = { sha256, sha512 } as const;

/**
 * HMAC (RFC 2104) under `key` of the concatenation of `parts`: `node:crypto` where `#native`
 * has it and it gave the known answer, @noble/hashes otherwise; the same bytes either way.
 */
export function hmacOf(hash: NativeHashName, key: Uint8Array, parts: readonly Uint8Array[]): Uint8Array {
  const fast = native.hmac?.get();
  if (fast !== undefined) return fast(hash, key, parts);
  const mac = nobleHmac.create(NOBLE_HASHES[hash], key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** SHA-512's output length, in bytes. */
const SHA512_BYTES = 64;

/** HKDF-Extract with SHA-512 (RFC 5869 section 2.2); an empty salt is the all-zero one. */
function extract(ikm: Uint8Array, salt: Uint8Array): Uint8Array {
  return hmacOf('sha512', salt, [ikm]);
}

/** The single block counter of {@link expand}. */
const FIRST_BLOCK = /* @__PURE__ */ Uint8Array.of(1);

/**
 * HKDF-Expand with SHA-512 (RFC 5869 section 2.3) to at most one block (64 bytes), all the
 * format derives: the first `length` bytes of HMAC(prk, info ‖ 0x01).
 */
function expand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const block = hmacOf('sha512', prk, [info, FIRST_BLOCK]);
  if (length === SHA512_BYTES) return block;
  const out = block.slice(0, length);
  block.fill(0);
  return out;
}

/**
 * HKDF-SHA-512 (RFC 5869) on {@link hmacOf}: one extract with the message nonce as salt, then
 * one expand per label from the same pseudorandom key.
 */
export function deriveMessageKeys(dek: Uint8Array, nonce: Uint8Array): MessageKeys {
  const prk = extract(dek, nonce);
  const keys = {
    payloadKey: expand(prk, LABELS.payload, 32),
    commitment: expand(prk, LABELS.commitment, 32),
    macKey: expand(prk, LABELS.headerMac, 64),
  };
  prk.fill(0);
  return keys;
}

/** HMAC-SHA-512 of the header body followed by the caller's associated data. */
export function headerMac(macKey: Uint8Array, body: Uint8Array, aad: Uint8Array): Uint8Array {
  return hmacOf('sha512', macKey, [body, aad]);
}

/** The 64-byte AES-SIV key of a KEM layer, from its shared secret, kind and key id (HKDF-SHA-512, no salt). */
export function deriveKemLayerKey(sharedSecret: Uint8Array, kind: number, kid: Uint8Array): Uint8Array {
  const prk = extract(sharedSecret, new Uint8Array(0));
  const key = expand(prk, concat([LABELS.kemLayer, Uint8Array.of(kind), kid]), 64);
  prk.fill(0);
  return key;
}

/** Length of a key id, in bytes. */
export const KID_BYTES = 8;

/**
 * Key id of a symmetric layer key: HMAC-SHA-256 keyed by the layer key over the key-id label,
 * truncated to 8 bytes. A PRF output under the key, never usable as key material.
 */
export function symmetricKeyId(key: Uint8Array): Uint8Array {
  return hmacOf('sha256', key, [LABELS.keyId]).subarray(0, KID_BYTES);
}

/** Key id of a public (KEM) layer: SHA-256 of label ‖ kind ‖ public key, truncated to 8 bytes. */
export function publicKeyId(kind: number, publicKey: Uint8Array): Uint8Array {
  return sha256(concat([LABELS.keyId, Uint8Array.of(kind), publicKey])).subarray(0, KID_BYTES);
}
