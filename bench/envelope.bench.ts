/**
 * Envelope benchmarks: `npm run bench -- envelope`. Seal and open of 4 KiB, 64 KiB, 1 MiB and
 * 16 MiB under a four-layer keyring, side by side with one node:crypto AES-256-GCM pass (the
 * baseline) and @noble/ciphers `gcm` over the same bytes; a four-layer 4 KiB document; and the
 * peak memory of a 50 MiB and a 200 MiB stream (bench/envelope-stream-memory.ts, own process).
 */
import { gcm } from '@noble/ciphers/aes.js';
import { execFileSync } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import {
  createKeyring,
  generateKeyring,
  generateLayerKey,
  generateRecipientKeyPair,
  open,
  openSync,
  seal,
  sealStream,
  openStream,
  sealSync,
  type EnvelopeBackend,
} from 'mamlkit/envelope';
import type { BenchGroup } from './harness.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const keyring = generateKeyring();
const key = randomBytes(32);
const iv = randomBytes(12);
const webcrypto = { backend: 'webcrypto' } as const;

function nodeGcm(data: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const out = Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
  return out;
}

function label(size: number): string {
  return size >= MiB ? `${size / MiB} MiB` : `${size / KiB} KiB`;
}

async function sizeGroup(size: number): Promise<BenchGroup> {
  const data = randomBytes(size);
  const sealed = await seal(data, keyring);
  return {
    title: `Seal and open ${label(size)}, four layers`,
    cases: [
      { name: 'node:crypto AES-256-GCM, one pass', run: () => nodeGcm(data), bytes: size, baseline: true },
      { name: '@noble/ciphers gcm, one pass', run: () => gcm(key, iv).encrypt(data), bytes: size },
      { name: 'seal (default backend)', run: () => seal(data, keyring), bytes: size },
      { name: 'open (default backend)', run: () => open(sealed, keyring), bytes: size },
      ...(size <= MiB
        ? [
            { name: 'sealSync (noble)', run: () => sealSync(data, keyring), bytes: size },
            { name: 'openSync (noble)', run: () => openSync(sealed, keyring), bytes: size },
          ]
        : []),
    ],
    note: 'Goal at 16 MiB: seal and open at ≥ 0.5× the node:crypto pass and ≥ 10× noble gcm.',
  };
}

async function pipe(data: Uint8Array): Promise<number> {
  let received = 0;
  await new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(sealStream(keyring))
    .pipeThrough(openStream(keyring))
    .pipeTo(new WritableStream({ write: (part) => void (received += part.length) }));
  return received;
}

function streamMemory(mib: number): string {
  const script = fileURLToPath(new URL('./envelope-stream-memory.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const line = execFileSync(tsx, [script, String(mib)], { encoding: 'utf8' }).trim();
  const r = JSON.parse(line) as {
    peakRssMiB: number;
    peakHeapMiB: number;
    peakArrayBuffersMiB: number;
    seconds: number;
  };
  return `${mib} MiB: peak RSS ${r.peakRssMiB} MiB, heap ${r.peakHeapMiB} MiB, ArrayBuffers ${r.peakArrayBuffersMiB} MiB (${r.seconds} s)`;
}

export default async function groups(): Promise<BenchGroup[]> {
  const doc = randomBytes(4 * KiB);
  const streamed = randomBytes(16 * MiB);
  const memory = [streamMemory(50), streamMemory(200)];
  return [
    await sizeGroup(4 * KiB),
    await sizeGroup(64 * KiB),
    await sizeGroup(MiB),
    await sizeGroup(16 * MiB),
    {
      title: '4 KiB document, four layers: seal then open',
      cases: [
        {
          name: 'seal + open (default backend)',
          run: async () => open(await seal(doc, keyring), keyring),
          bytes: doc.length,
        },
        {
          name: 'sealSync + openSync',
          run: () => openSync(sealSync(doc, keyring), keyring),
          bytes: doc.length,
        },
        {
          name: 'reference: @noble/ciphers gcm encrypt + decrypt of the same 4 KiB, no layers',
          run: () => {
            const sealedDoc = gcm(key, iv).encrypt(doc);
            return gcm(key, iv).decrypt(sealedDoc);
          },
          bytes: doc.length,
        },
        {
          name: 'seal + open, webcrypto backend forced',
          run: async () => open(await seal(doc, keyring, webcrypto), keyring, webcrypto),
          bytes: doc.length,
        },
      ],
      note: 'Goal: well under a millisecond per seal + open. The default backend uses noble at this size; the reference row is the payload AEAD alone, which every seal and open must do; the last row forces WebCrypto for comparison.',
    },
    ...(await backendGroups()),
    {
      title: 'Streaming 16 MiB through sealStream then openStream',
      cases: [{ name: 'sealStream → openStream', run: () => pipe(streamed), bytes: streamed.length }],
      note: `Peak memory of a sealStream → openStream pipeline in its own process, 1 MiB writes: ${memory.join('; ')}.`,
    },
  ];
}

/** The backends this runtime has: `node` needs node:crypto AES-256-GCM, `webcrypto` needs `crypto.subtle`. */
async function availableBackends(): Promise<EnvelopeBackend[]> {
  const all: EnvelopeBackend[] = ['node', 'webcrypto', 'noble'];
  const works = await Promise.all(
    all.map((backend) =>
      seal('x', keyring, { backend }).then(
        () => true,
        () => false,
      ),
    ),
  );
  return all.filter((_, i) => works[i]);
}

/**
 * A warm AES-256-GCM pass over `data` in 64 KiB slices through node:crypto: no allocation but
 * each slice's output, which the caller drops. This machine's physical limit for the payload.
 */
function warmNodeGcm(data: Uint8Array): number {
  let bytes = 0;
  for (let offset = 0; offset < data.length; offset += 64 * KiB) {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    bytes += cipher.update(data.subarray(offset, offset + 64 * KiB)).length;
    cipher.final();
    bytes += cipher.getAuthTag().length;
  }
  return bytes;
}

/**
 * Rows per backend, each named with the backend and the runtime that ran it: the 4 KiB
 * four-layer document, 16 MiB against the warm node:crypto pass, and KEM layers, whose
 * decapsulation runs through node:crypto where the runtime has ML-KEM.
 */
export async function backendGroups(): Promise<BenchGroup[]> {
  const runtime = `Node.js ${process.version}`;
  const backends = await availableBackends();
  const doc = randomBytes(4 * KiB);
  const big = randomBytes(16 * MiB);
  const sealedBig = await seal(big, keyring);
  const mlKem = generateRecipientKeyPair();
  const xWing = generateRecipientKeyPair({ kem: 'x-wing' });
  const kemKeyring = createKeyring([generateLayerKey(), generateLayerKey(), mlKem, xWing]);
  const kemDoc = await seal(doc, kemKeyring);
  const mlKemCipherText = ml_kem1024.encapsulate(mlKem.publicKey).cipherText;
  const xWingCipherText = ml_kem768_x25519.encapsulate(xWing.publicKey).cipherText;
  return [
    {
      title: `4 KiB document, four layers, seal then open, per backend (${runtime})`,
      cases: [
        ...backends.map((backend) => ({
          name: `seal + open, ${backend} backend, ${runtime}`,
          run: async () => open(await seal(doc, keyring, { backend }), keyring, { backend }),
          bytes: doc.length,
          baseline: backend === 'noble',
        })),
        {
          name: `sealSync + openSync (${backends.includes('node') ? 'node' : 'noble'}), ${runtime}`,
          run: () => openSync(sealSync(doc, keyring), keyring),
          bytes: doc.length,
        },
      ],
      note: 'Goal: ≤ 200 µs per seal + open on Node.js 26. The baseline is the pure-JavaScript backend in the same process.',
    },
    {
      title: `16 MiB seal and open, per backend (${runtime})`,
      cases: [
        {
          name: `node:crypto AES-256-GCM, warm pass over 64 KiB slices (physical limit), ${runtime}`,
          run: () => warmNodeGcm(big),
          bytes: big.length,
          baseline: true,
        },
        ...backends.flatMap((backend) => [
          {
            name: `seal, ${backend} backend, ${runtime}`,
            run: () => seal(big, keyring, { backend }),
            bytes: big.length,
          },
          {
            name: `open, ${backend} backend, ${runtime}`,
            run: () => open(sealedBig, keyring, { backend }),
            bytes: big.length,
          },
        ]),
      ],
      note: 'Goal: seal and open each ≥ 0.5× the warm node:crypto pass (the baseline row), which allocates nothing but each 64 KiB slice it returns.',
    },
    {
      title: `Open a 4 KiB document with ML-KEM-1024 and X-Wing layers (${runtime})`,
      cases: [
        {
          name: `@noble/post-quantum decapsulate, ML-KEM-1024 + X-Wing, no envelope, ${runtime}`,
          run: () => [
            ml_kem1024.decapsulate(mlKemCipherText, mlKem.secretKey),
            ml_kem768_x25519.decapsulate(xWingCipherText, xWing.secretKey),
          ],
          baseline: true,
        },
        {
          name: `open (default backends: node:crypto KEMs where present), ${runtime}`,
          run: () => open(kemDoc, kemKeyring),
          bytes: doc.length,
        },
        {
          name: `seal to the public halves (system random), ${runtime}`,
          run: () => seal(doc, kemKeyring),
          bytes: doc.length,
        },
      ],
      note: 'Decapsulation is the hot path of opening; the baseline is the two pure-JavaScript decapsulations alone.',
    },
  ];
}
