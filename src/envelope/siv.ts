import { aessiv } from '@noble/ciphers/aes.js';
import { native } from '#native';

/** AES-SIV under one key and associated data; `decrypt` throws when V does not verify. */
export interface Siv {
  readonly encrypt: (plaintext: Uint8Array) => Uint8Array;
  readonly decrypt: (sealed: Uint8Array) => Uint8Array;
}

/**
 * AES-SIV (RFC 5297, AES-256 halves) under a 64-byte key with one associated-data component:
 * `node:crypto` where the runtime has it and it gave the known answer, @noble/ciphers `aessiv`
 * otherwise. Both give V ‖ C, byte for byte.
 */
export function aesSiv(key: Uint8Array, ad: Uint8Array): Siv {
  const fast = key.length === 64 ? native.aesSiv?.get() : undefined;
  if (fast === undefined) return aessiv(key, ad);
  return {
    encrypt: (plaintext) => fast.encrypt(key, ad, plaintext),
    decrypt: (sealed) => {
      const plaintext = fast.decrypt(key, ad, sealed);
      if (plaintext === undefined) throw new Error('AES-SIV: V does not verify');
      return plaintext;
    },
  };
}
