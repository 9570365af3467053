/**
 * Envelope benchmarks with no Node.js module, for browsers (`npm run bench -- --chromium
 * envelope-web`) as for any other runtime: a four-layer 4 KiB document sealed and opened on
 * every backend the runtime has, then seal and open of 64 KiB and 1 MiB measured interleaved
 * against the runtime's WebCrypto AES-256-GCM over the same 64 KiB slices, all in flight at once
 * (its limit), and @noble/ciphers `gcm` over the slices (the pure-JavaScript floor).
 */
import { generateKeyring, open, seal } from 'mamlkit/envelope';
import { envelopeBackends } from './backends.js';
import {
  documentGroup,
  envelopeCases,
  label,
  MiB,
  KiB,
  nobleFloorCase,
  SLICE,
  sliceNonce,
  TAG,
} from './envelope-cases.js';
import type { BenchGroup } from './harness.js';

const keyring = generateKeyring();
const rawKey = crypto.getRandomValues(new Uint8Array(32));

/** `input` in 64 KiB slices through WebCrypto AES-256-GCM, every slice in flight at once. */
async function webCryptoSlices(key: CryptoKey, input: Uint8Array<ArrayBuffer>): Promise<number> {
  const slices: Promise<ArrayBuffer>[] = [];
  for (let offset = 0, index = 0; offset < input.length; offset += SLICE, index++) {
    const iv = Uint8Array.from(sliceNonce(index));
    slices.push(crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, input.subarray(offset, offset + SLICE)));
  }
  const sealed = await Promise.all(slices);
  return sealed.reduce((total, part) => total + part.byteLength, 0);
}

/** Random bytes beyond `getRandomValues`' 64 KiB limit per call. */
function randomData(size: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536)
    crypto.getRandomValues(data.subarray(offset, offset + 65536));
  return data;
}

/**
 * Small documents sealed then opened with the payload forced onto WebCrypto and onto @noble:
 * where `node:crypto` is missing (browsers), the default payload cipher below a size threshold
 * is @noble, above it WebCrypto; these rows place that threshold.
 */
function smallDocumentsGroup(): BenchGroup {
  const forced = (['webcrypto', 'noble'] as const).flatMap((backend) =>
    [256, KiB, 4 * KiB].map((size) => {
      const doc = randomData(size);
      return {
        name: `${label(size)}: seal + open (${backend})`,
        run: async () => open(await seal(doc, keyring, { backend }), keyring, { backend }),
        bytes: size,
        backend,
      };
    }),
  );
  return {
    title: 'Small documents, four layers: seal then open, WebCrypto against @noble payload',
    interleaved: true,
    cases: forced,
    note: 'Best of 7 interleaved rounds. The layers (AES-SIV, HMAC) are the same in both rows of a size; only the payload cipher differs.',
  };
}

export default async function groups(): Promise<BenchGroup[]> {
  const backends = await envelopeBackends(keyring);
  const key = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt']);
  const sizes = await Promise.all(
    [64 * KiB, MiB].map(async (size): Promise<BenchGroup> => {
      const data = randomData(size);
      const sealed = await seal(data, keyring);
      const output = new Uint8Array(size + TAG * Math.ceil(size / SLICE));
      return {
        title: `Seal and open ${label(size)}, four layers, against WebCrypto AES-256-GCM`,
        interleaved: true,
        cases: [
          {
            name: 'WebCrypto AES-256-GCM limit: 64 KiB slices, all in flight',
            run: () => webCryptoSlices(key, data),
            bytes: size,
            baseline: true,
            backend: 'webcrypto',
          },
          nobleFloorCase(rawKey, data, output),
          ...envelopeCases(keyring, data, sealed, backends),
        ],
        note: 'Best of 7 interleaved rounds; `× baseline` is the speed as a fraction of WebCrypto AES-256-GCM over the same slices.',
      };
    }),
  );
  return [documentGroup(keyring, backends), smallDocumentsGroup(), ...sizes];
}
