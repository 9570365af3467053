/**
 * Envelope bench cases that need no Node.js module, shared by bench/envelope.bench.ts (Node.js,
 * against the warm node:crypto limit) and bench/envelope-web.bench.ts (any runtime, Chromium
 * included, against WebCrypto).
 */
import { gcm } from '@noble/ciphers/aes.js';
import { open, openSync, seal, sealSync, type EnvelopeBackend, type Keyring } from 'mamlkit/envelope';
import { envelopeDefaultBackend } from './backends.js';
import type { BenchCase, BenchGroup } from './harness.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;
/** The envelope's default chunk size, and the slice size of the reference passes. */
export const SLICE = 64 * KiB;
export const TAG = 16;

/** The 12-byte nonce of slice `index`, written into one reused buffer. */
const nonce = new Uint8Array(12);
export function sliceNonce(index: number): Uint8Array {
  new DataView(nonce.buffer).setUint32(8, index);
  return nonce;
}

/** `input` in 64 KiB slices through @noble/ciphers `gcm`, written into `output`; returns the sealed length. */
function nobleSlices(rawKey: Uint8Array, input: Uint8Array, output: Uint8Array): number {
  let at = 0;
  for (let offset = 0, index = 0; offset < input.length; offset += SLICE, index++) {
    const sealed = gcm(rawKey, sliceNonce(index)).encrypt(input.subarray(offset, offset + SLICE));
    output.set(sealed, at);
    at += sealed.length;
  }
  return at;
}

/** The pure-JavaScript floor row: @noble/ciphers `gcm` over `input` in 64 KiB slices into `output`. */
export function nobleFloorCase(rawKey: Uint8Array, input: Uint8Array, output: Uint8Array): BenchCase {
  return {
    name: 'AES-256-GCM pure-JS floor: 64 KiB slices into a preallocated output',
    run: () => nobleSlices(rawKey, input, output),
    bytes: input.length,
    backend: 'noble',
  };
}

/** `64 KiB`, `16 MiB`. */
export function label(size: number): string {
  return size >= MiB ? `${size / MiB} MiB` : `${size / KiB} KiB`;
}

/** The seal and open rows of one message on each backend, the default one named. */
export function envelopeCases(
  keyring: Keyring,
  data: Uint8Array,
  sealed: Uint8Array,
  backends: readonly EnvelopeBackend[],
): BenchCase[] {
  const size = data.length;
  const chosen = envelopeDefaultBackend();
  return backends.flatMap((backend) => {
    const options = { backend };
    const which = backend === chosen ? `${backend}, the default` : backend;
    return [
      { name: `seal (${which})`, run: () => seal(data, keyring, options), bytes: size, backend },
      { name: `open (${which})`, run: () => open(sealed, keyring, options), bytes: size, backend },
    ];
  });
}

/**
 * A 4 KiB document under a four-layer keyring sealed then opened on each backend, against the
 * payload AEAD alone (@noble/ciphers `gcm`), and the synchronous calls.
 */
export function documentGroup(keyring: Keyring, backends: readonly EnvelopeBackend[]): BenchGroup {
  const doc = crypto.getRandomValues(new Uint8Array(4 * KiB));
  const rawKey = crypto.getRandomValues(new Uint8Array(32));
  const docNonce = crypto.getRandomValues(new Uint8Array(12));
  const chosen = envelopeDefaultBackend();
  return {
    title: '4 KiB document, four layers: seal then open',
    interleaved: true,
    cases: [
      {
        name: 'reference: @noble/ciphers gcm encrypt + decrypt of the same 4 KiB, no layers',
        run: () => gcm(rawKey, docNonce).decrypt(gcm(rawKey, docNonce).encrypt(doc)),
        bytes: doc.length,
        baseline: true,
        backend: 'noble',
      },
      ...backends.map((backend) => ({
        name: `seal + open (${backend === chosen ? `${backend}, the default` : backend})`,
        run: async () => open(await seal(doc, keyring, { backend }), keyring, { backend }),
        bytes: doc.length,
        backend,
      })),
      {
        name: 'sealSync + openSync',
        run: () => openSync(sealSync(doc, keyring), keyring),
        bytes: doc.length,
        backend: backends.includes('node') ? 'node' : 'noble',
      },
    ],
    note: 'Goal: seal + open ≤ 200 µs on Node.js 26. Best of 7 interleaved rounds. The reference row is the payload AEAD alone, which every seal and open must do whatever the layers cost.',
  };
}
