/**
 * Regenerates signed.json, the vectors of format version 2, suite 2 (signed envelopes):
 * `npx tsx test/vectors/envelope/generate-signed.ts`. Deterministic like generate.ts: seeded
 * keys and draws, and the ML-DSA signing randomness is one of the recorded draws.
 */
import {
  createKeyring,
  exportKeyring,
  generateKeyring,
  generateLayerKey,
  generateRecipientKeyPair,
  sealSync,
  type Keyring,
} from '../../../src/envelope/index.js';
import {
  exportSigningJwk,
  generateSigningKeyPair,
  type SigningAlgorithm,
  type SigningSecretKey,
} from '../../../src/sign/index.js';
import { patterned, seededRandom } from '../../envelope/helpers.js';
import { utf8, writeVectors, type VectorSpec } from './write-vectors.js';

const keys = seededRandom('mamlkit envelope signed vectors: keys');
const four = generateKeyring({ random: keys });
const pq = createKeyring([generateLayerKey({ random: keys }), generateRecipientKeyPair({ random: keys })]);
const signer = (algorithm: SigningAlgorithm) =>
  generateSigningKeyPair({ algorithm, seed: keys(32), created: new Date('2026-12-01T00:00:00Z') }).secretKey;

interface Spec extends VectorSpec {
  readonly recipients: readonly Keyring[];
  readonly signer: SigningSecretKey;
}

const specs: readonly Spec[] = [
  {
    name: 'signed-maml-four-layers',
    description: 'A MAML text under four AES-SIV layers, signed with ML-DSA-87, content type text/markdown.',
    recipients: [four],
    signer: signer('ML-DSA-87'),
    plaintext: utf8('---\nmaml_version: "2.0.0"\ntype: workflow\n---\n## Intent\nPay 10 EUR to Bob.\n'),
    options: { contentType: 'text/markdown' },
  },
  {
    name: 'signed-two-recipients-multi-chunk',
    description:
      '10000 patterned bytes in 4096-byte chunks for two keyrings (four AES-SIV layers; AES-SIV + ML-KEM-1024), signed with ML-DSA-44, with associated data "mamlkit vectors".',
    recipients: [four, pq],
    signer: signer('ML-DSA-44'),
    plaintext: patterned(10_000, 2),
    options: { chunkSize: 4096, aad: utf8('mamlkit vectors') },
  },
];

await writeVectors(
  {
    file: new URL('./signed.json', import.meta.url),
    format: 'mamlkit-envelope v2 suite 2',
    seed: 'mamlkit envelope signed vectors',
    recordsAad: true,
    keys: (spec) => ({
      keyrings: spec.recipients.map((keyring) => exportKeyring(keyring)),
      signingKey: exportSigningJwk(spec.signer, { includePrivate: true }),
    }),
    seal: (spec, random) => sealSync(spec.plaintext, spec.recipients, { ...spec.options, signer: spec.signer, random }),
  },
  specs,
);
