/**
 * Regenerates v2-layers.json: `npx tsx test/vectors/envelope/generate-v2.ts`. Deterministic
 * (seeded randomness, see ../../envelope/helpers.ts): a run on an unchanged format reproduces
 * the committed file byte for byte; a diff means the format changed.
 */
import {
  createKeyring,
  exportKeyring,
  generateLayerKey,
  generateRecipientKeyPair,
  passphraseLayer,
  seal,
  type Keyring,
} from '../../../src/envelope/index.js';
import { padExternal, patterned, seededRandom } from '../../envelope/helpers.js';
import { utf8, writeVectors, type VectorSpec } from './write-vectors.js';

/** The passphrase of every passphrase layer here; work factor 10 keeps the vectors cheap to check. */
const PASSPHRASE = 'correct horse battery staple';
const keys = seededRandom('mamlkit envelope v2 vectors: keys');
const phrase = passphraseLayer(PASSPHRASE, { workFactor: 10 });
const kms = padExternal('vector:kms-key-1');

interface Spec extends VectorSpec {
  readonly keyring: Keyring;
}

const specs: readonly Spec[] = [
  {
    name: 'v2-passphrase',
    description: 'An AES-SIV layer and a passphrase layer (work factor 10, for cheap checks; the default is 18).',
    keyring: createKeyring([generateLayerKey({ random: keys }), phrase]),
    plaintext: utf8('pay 10 EUR to bob\n'),
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

await writeVectors(
  {
    file: new URL('./v2-layers.json', import.meta.url),
    format: 'mamlkit envelope version 2, layer kinds 4 and 5',
    seed: 'mamlkit envelope v2 vectors',
    recordsAad: false,
    keys: (spec) => ({ keyring: exportKeyring(spec.keyring), passphrase: PASSPHRASE }),
    seal: (spec, random) => seal(spec.plaintext, spec.keyring, { ...spec.options, random, backend: 'noble' }),
  },
  specs,
);
