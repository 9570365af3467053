/**
 * Envelope benchmarks: `npm run bench -- envelope`. Seal and open of 64 KiB, 1 MiB and 16 MiB
 * under a four-layer keyring, measured interleaved (best of 7 rounds) against this machine's
 * limit for AES-256-GCM: a warm `node:crypto` pass over the same bytes in 64 KiB slices, as the
 * envelope chunks them, that allocates nothing larger than a slice. @noble/ciphers `gcm` over the
 * same slices is the pure-JavaScript floor. Then a four-layer 4 KiB document sealed and opened,
 * on every backend the runtime has, opening with ML-KEM-1024 and X-Wing layers, and the peak
 * memory of a 50, 200 and 800 MiB stream (bench/envelope-stream-memory.ts, own process). Every
 * row names the backend that ran.
 */
import { execFileSync } from 'node:child_process';
import { createCipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import {
  createKeyring,
  generateKeyring,
  generateLayerKey,
  generateRecipientKeyPair,
  open,
  openStream,
  seal,
  sealStream,
  type EnvelopeBackend,
} from 'mamlkit/envelope';
import { envelopeBackends, envelopeDefaultBackend } from './backends.js';
import {
  documentGroup,
  envelopeCases,
  KiB,
  label,
  MiB,
  nobleFloorCase,
  SLICE,
  sliceNonce,
  TAG,
} from './envelope-cases.js';
import type { BenchGroup } from './harness.js';
const keyring = generateKeyring();
const rawKey = randomBytes(32);
const key = createSecretKey(rawKey);

/**
 * AES-256-GCM over `input` in 64 KiB slices, one cipher per slice (as the envelope's chunks),
 * each slice's ciphertext and tag written into `output` when it is given. `update` always
 * returns a fresh Buffer (node:crypto has no way to encrypt into a given buffer): per slice that
 * is a 64 KiB allocation, never one of the input's size. Returns the sealed length.
 */
function nodeSlices(input: Uint8Array, output: Uint8Array | undefined): number {
  let at = 0;
  for (let offset = 0, index = 0; offset < input.length; offset += SLICE, index++) {
    const cipher = createCipheriv('aes-256-gcm', key, sliceNonce(index));
    const part = cipher.update(input.subarray(offset, offset + SLICE));
    cipher.final();
    const tag = cipher.getAuthTag();
    if (output !== undefined) {
      output.set(part, at);
      output.set(tag, at + part.length);
    }
    at += part.length + TAG;
  }
  return at;
}

/**
 * How a size group's rounds run: `sustained` rounds of about 300 ms, which include collecting
 * the garbage of earlier calls, or `single` calls, one per round with garbage collected before
 * each (31 rounds): a large message's own allocation without the collector's erratic pauses.
 */
type Rounds = 'sustained' | 'single';

const ROUNDS: Readonly<Record<Rounds, { readonly title: string; readonly note: string }>> = {
  sustained: {
    title: '',
    note: 'Best of 7 interleaved rounds of about 300 ms, each including the collection of the garbage earlier calls left.',
  },
  single: {
    title: ', one call per round',
    note: 'Best of 31 interleaved rounds of one call each, garbage collected before each round (no call pays for the garbage of another).',
  },
};

async function sizeGroup(
  size: number,
  backends: readonly EnvelopeBackend[],
  rounds: Rounds = 'sustained',
): Promise<BenchGroup> {
  const data = randomBytes(size);
  const sealed = await seal(data, keyring);
  const output = new Uint8Array(size + TAG * Math.ceil(size / SLICE));
  return {
    title: `Seal and open ${label(size)}, four layers, against the AES-256-GCM limit${ROUNDS[rounds].title}`,
    interleaved: true,
    ...(rounds === 'single' ? { measure: { roundMs: 0, rounds: 31 } } : {}),
    cases: [
      {
        name: 'AES-256-GCM limit: 64 KiB slices into a preallocated output',
        run: () => nodeSlices(data, output),
        bytes: size,
        baseline: true,
        backend: 'node:crypto',
      },
      {
        name: 'AES-256-GCM, 64 KiB slices, output not copied',
        run: () => nodeSlices(data, undefined),
        bytes: size,
        backend: 'node:crypto',
      },
      nobleFloorCase(rawKey, data, output),
      ...envelopeCases(keyring, data, sealed, backends),
    ],
    note: [
      ROUNDS[rounds].note,
      '`× baseline` is the speed as a fraction of the limit row. The limit is warm node:crypto AES-256-GCM with one cipher per 64 KiB slice, reading a preallocated input and writing a preallocated output; the "not copied" row drops the Buffer each `update` returns instead of copying it, so the gap between the two is the cost of that copy.',
      ...(size === 16 * MiB ? ['Goal at 16 MiB: seal and open each ≥ 0.5× the limit.'] : []),
    ].join(' '),
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

/** The JSON line of bench/envelope-stream-memory.ts. */
interface StreamMemory {
  readonly idleRssMiB: number;
  readonly rssMiB: number;
  readonly heapMiB: number;
  readonly arrayBuffersMiB: number;
  readonly seconds: number;
}

/** Runs bench/envelope-stream-memory.ts in its own process, on the Node.js running this bench. */
function runStreamMemory(mib: number, retained: boolean): StreamMemory {
  const script = fileURLToPath(new URL('./envelope-stream-memory.ts', import.meta.url));
  const args = ['--expose-gc', '--import', 'tsx', script, String(mib), ...(retained ? ['--retained'] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim()) as StreamMemory;
}

/** Peak and retained memory of an `mib` MiB stream. */
function streamMemory(mib: number): string {
  const peak = runStreamMemory(mib, false);
  const kept = runStreamMemory(mib, true);
  return `${mib} MiB: peak RSS ${peak.rssMiB} MiB (${peak.idleRssMiB} MiB before the first byte), heap ${peak.heapMiB} MiB, ArrayBuffers ${peak.arrayBuffersMiB} MiB (${peak.seconds} s); retained after collecting garbage every 16 MiB: heap ${kept.heapMiB} MiB, ArrayBuffers ${kept.arrayBuffersMiB} MiB, RSS ${kept.rssMiB} MiB`;
}

/** Opening with post-quantum layers: decapsulation is its hot path. */
async function kemGroup(doc: Uint8Array): Promise<BenchGroup> {
  const mlKem = generateRecipientKeyPair();
  const xWing = generateRecipientKeyPair({ kem: 'x-wing' });
  const kemKeyring = createKeyring([generateLayerKey(), generateLayerKey(), mlKem, xWing]);
  const sealed = await seal(doc, kemKeyring);
  const mlKemCipherText = ml_kem1024.encapsulate(mlKem.publicKey).cipherText;
  const xWingCipherText = ml_kem768_x25519.encapsulate(xWing.publicKey).cipherText;
  return {
    title: 'A 4 KiB document under two AES-SIV, one ML-KEM-1024 and one X-Wing layer',
    interleaved: true,
    cases: [
      {
        name: 'ML-KEM-1024 + X-Wing decapsulation alone, no envelope',
        run: () => [
          ml_kem1024.decapsulate(mlKemCipherText, mlKem.secretKey),
          ml_kem768_x25519.decapsulate(xWingCipherText, xWing.secretKey),
        ],
        baseline: true,
        backend: 'noble',
      },
      {
        name: 'open (default: node:crypto KEMs where the runtime has them)',
        run: () => open(sealed, kemKeyring),
        bytes: doc.length,
        backend: envelopeDefaultBackend(),
      },
      {
        name: 'seal to the public halves (system random)',
        run: () => seal(doc, kemKeyring),
        bytes: doc.length,
        backend: envelopeDefaultBackend(),
      },
    ],
    note: 'The baseline is the two pure-JavaScript decapsulations alone.',
  };
}

export default async function groups(): Promise<BenchGroup[]> {
  const backends = await envelopeBackends(keyring);
  const doc = randomBytes(4 * KiB);
  const streamed = randomBytes(16 * MiB);
  const memory = [streamMemory(50), streamMemory(200), streamMemory(800)];
  return [
    documentGroup(keyring, backends),
    await kemGroup(doc),
    await sizeGroup(64 * KiB, backends),
    await sizeGroup(MiB, backends),
    await sizeGroup(16 * MiB, backends, 'single'),
    await sizeGroup(16 * MiB, backends, 'sustained'),
    {
      title: 'Streaming 16 MiB through sealStream then openStream',
      cases: [
        {
          name: 'sealStream → openStream',
          run: () => pipe(streamed),
          bytes: streamed.length,
          backend: envelopeDefaultBackend(),
        },
      ],
      note: `Memory of a sealStream → openStream pipeline of 50, 200 and 800 MiB, each in its own process, 1 MiB writes. Flat memory is the same retained memory at every size, and peaks that stop growing once the collector runs: the peaks are garbage it has not reached yet, mostly the buffers node:crypto returns per chunk, and V8 collects them once they reach its external-memory limit, whatever the stream's length: ${memory.join('; ')}.`,
    },
  ];
}
