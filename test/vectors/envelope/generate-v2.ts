/**
 * Regenerates v2-layers.json: `npx tsx test/vectors/envelope/generate-v2.ts`. Deterministic
 * (seeded randomness, see ../../envelope/helpers.ts): a run on an unchanged format reproduces
 * the committed file byte for byte; a diff means the format changed.
 */
import { writeFileSync } from 'node:fs';
import {
  armor,
  createKeyring,
  exportKeyring,
  generateLayerKey,
  generateRecipientKeyPair,
  passphraseLayer,
  seal,
  type Keyring,
  type SealOptions,
} from '../../../src/envelope/index.js';
import { padExternal, patterned, recordingRandom, seededRandom } from '../../envelope/helpers.js';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The passphrase of every passphrase layer here; work factor 10 keeps the vectors cheap to check. */
const PASSPHRASE = 'correct horse battery staple';
const keys = seededRandom('mamlkit envelope v2 vectors: keys');
const phrase = passphraseLayer(PASSPHRASE, { workFactor: 10 });
const kms = padExternal('vector:kms-key-1');

interface Spec {
  readonly name: string;
  readonly description: string;
  readonly keyring: Keyring;
  readonly plaintext: Uint8Array;
  readonly options: SealOptions;
}

const specs: readonly Spec[] = [
  {
    name: 'v2-passphrase',
    description: 'An AES-SIV layer and a passphrase layer (work factor 10, for cheap checks; the default is 18).',
    keyring: createKeyring([generateLayerKey({ random: keys }), phrase]),
    plaintext: new TextEncoder().encode('pay 10 EUR to bob\n'),
    options: { contentType: 'text/plain' },
  },
  {
    name: 'v2-external',
    description: 'An AES-SIV layer and an external layer whose callback XORs the layer key with a fixed pad.',
    keyring: createKeyring([generateLayerKey({ random: keys }), kms]),
    plaintext: patterned(100),
    options: {},
  },
  {
    name: 'v2-custody',
    description: 'Four custodians: AES-SIV, X-Wing, a passphrase and an external key; 5000 bytes in two 4096-byte chunks.',
    keyring: createKeyring([
      generateLayerKey({ random: keys }),
      generateRecipientKeyPair({ kem: 'x-wing', random: keys }),
      phrase,
      kms,
    ]),
    plaintext: patterned(5000, 3),
    options: { chunkSize: 4096, contentType: 'application/octet-stream' },
  },
];

const vectors = [];
for (const spec of specs) {
  const { random, draws } = recordingRandom(seededRandom(`mamlkit envelope v2 vectors: ${spec.name}`));
  const envelope = await seal(spec.plaintext, spec.keyring, { ...spec.options, random, backend: 'noble' });
  vectors.push({
    name: spec.name,
    description: spec.description,
    keyring: exportKeyring(spec.keyring),
    passphrase: PASSPHRASE,
    plaintext: hex(spec.plaintext),
    chunkSize: spec.options.chunkSize ?? null,
    contentType: spec.options.contentType ?? null,
    random: draws.map(hex),
    envelope: armor(envelope),
  });
}

writeFileSync(
  new URL('./v2-layers.json', import.meta.url),
  `${JSON.stringify({ format: 'mamlkit envelope version 2, layer kinds 4 and 5', vectors }, null, 2)}\n`,
);
