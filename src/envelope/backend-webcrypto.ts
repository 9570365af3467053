import type { ChunkCipher } from './backend.js';

/** `crypto.subtle` when the runtime has it (absent in insecure browser contexts). */
export function subtle(): SubtleCrypto | undefined {
  return (globalThis.crypto as Crypto | undefined)?.subtle;
}

/** Our buffers are plain `ArrayBuffer`-backed; WebCrypto's types want that stated. */
function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

/** AES-256-GCM chunks through WebCrypto: native speed, asynchronous. */
export async function webCryptoCipher(api: SubtleCrypto, key: Uint8Array): Promise<ChunkCipher> {
  const cryptoKey = await api.importKey('raw', buffer(key), 'AES-GCM', false, ['encrypt', 'decrypt']);
  return {
    backend: 'webcrypto',
    encrypt: async (nonce, chunk) =>
      new Uint8Array(await api.encrypt({ name: 'AES-GCM', iv: buffer(nonce) }, cryptoKey, buffer(chunk))),
    decrypt: async (nonce, sealed) => {
      try {
        return new Uint8Array(
          await api.decrypt({ name: 'AES-GCM', iv: buffer(nonce) }, cryptoKey, buffer(sealed)),
        );
      } catch {
        return undefined;
      }
    },
  };
}
