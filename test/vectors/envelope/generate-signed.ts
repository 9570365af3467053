/**
 * Regenerates signed.json, the vectors of format version 2, suite 2 (signed envelopes):
 * `npx tsx test/vectors/envelope/generate-signed.ts`. Deterministic like generate.ts: seeded
 * keys and draws, and the ML-DSA signing randomness is one of the recorded draws.
 */
import { writeFileSync } from 'node:fs';
import {
  armor,
  createKeyring,
  exportKeyring,
  generateKeyring,
  generateLayerKey,
  generateRecipientKeyPair,
  sealSync,
  type Keyring,
  type SealOptions,
} from '../../../src/envelope/index.js';
import { exportSigningJwk, generateSigningKeyPair, type SigningAlgorithm } from '../../../src/sign/index.js';
import { patterned, recordingRandom, seededRandom } from '../../envelope/helpers.js';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const keys = seededRandom('mamlkit envelope signed vectors: keys');
const four = generateKeyring({ random: keys });
const pq = createKeyring([generateLayerKey({ random: keys }), generateRecipientKeyPair({ random: keys })]);
const signer = (algorithm: SigningAlgorithm) =>
  generateSigningKeyPair({ algorithm, seed: keys(32), created: new Date('2026-12-01T00:00:00Z') }).secretKey;

interface Spec {
  readonly name: string;
  readonly description: string;
  readonly recipients: readonly Keyring[];
  readonly algorithm: SigningAlgorithm;
  readonly plaintext: Uint8Array;
  readonly options: SealOptions;
}

const specs: readonly Spec[] = [
  {
    name: 'signed-maml-four-layers',
    description: 'A MAML text under four AES-SIV layers, signed with ML-DSA-87, content type text/markdown.',
    recipients: [four],
    algorithm: 'ML-DSA-87',
    plaintext: utf8('---\nmaml_version: "2.0.0"\ntype: workflow\n---\n## Intent\nPay 10 EUR to Bob.\n'),
    options: { contentType: 'text/markdown' },
  },
  {
    name: 'signed-two-recipients-multi-chunk',
    description:
      '10000 patterned bytes in 4096-byte chunks for two keyrings (four AES-SIV layers; AES-SIV + ML-KEM-1024), signed with ML-DSA-44, with associated data "mamlkit vectors".',
    recipients: [four, pq],
    algorithm: 'ML-DSA-44',
    plaintext: patterned(10_000, 2),
    options: { chunkSize: 4096, aad: utf8('mamlkit vectors') },
  },
];

const vectors = specs.map((spec) => {
  const secretKey = signer(spec.algorithm);
  const { random, draws } = recordingRandom(seededRandom(`mamlkit envelope signed vectors: ${spec.name}`));
  const envelope = sealSync(spec.plaintext, spec.recipients, { ...spec.options, signer: secretKey, random });
  return {
    name: spec.name,
    description: spec.description,
    keyrings: spec.recipients.map((keyring) => exportKeyring(keyring)),
    signingKey: exportSigningJwk(secretKey, { includePrivate: true }),
    plaintext: hex(spec.plaintext),
    chunkSize: spec.options.chunkSize ?? null,
    contentType: spec.options.contentType ?? null,
    aad: spec.options.aad === undefined ? null : hex(spec.options.aad),
    random: draws.map(hex),
    envelope: armor(envelope),
  };
});

writeFileSync(
  new URL('./signed.json', import.meta.url),
  `${JSON.stringify({ format: 'mamlkit-envelope v2 suite 2', vectors }, null, 2)}\n`,
);
console.log(`wrote ${vectors.length} vectors`);
