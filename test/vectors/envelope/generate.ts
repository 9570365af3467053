/**
 * Regenerates vectors.json: `npx tsx test/vectors/envelope/generate.ts`. The output is
 * deterministic (seeded randomness, see ../../envelope/helpers.ts), so a run on an unchanged
 * format reproduces the committed file byte for byte; a diff means the format changed.
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
import { patterned, seededRandom } from '../../envelope/helpers.js';
import { utf8, writeVectors, type VectorSpec } from './write-vectors.js';

const MAML = `---
maml_version: "2.0.0"
id: urn:uuid:7d9e2c4a-3b1f-4e8a-9c6d-5f2a1b0e8d7c
type: workflow
origin: agent://imaging-archive
permissions:
  read: [agent://*]
  execute: [agent://imaging-archive]
---
## Intent
Archive a batch of de-identified imaging studies.

## Context
Studies arrive from the PACS export folder; each one is sealed before upload.
`;

interface Spec extends VectorSpec {
  readonly recipients: readonly Keyring[];
}

const keys = seededRandom('mamlkit envelope vectors: keys');
const four = generateKeyring({ random: keys });
const single = generateKeyring({ layers: 1, random: keys });
const pq = createKeyring([
  generateLayerKey({ random: keys }),
  generateRecipientKeyPair({ random: keys }),
  generateRecipientKeyPair({ kem: 'x-wing', random: keys }),
  generateLayerKey({ random: keys }),
]);
const two = generateKeyring({ layers: 2, random: keys });

const specs: readonly Spec[] = [
  {
    name: 'maml-four-layers',
    description: 'A MAML file under four 512-bit AES-SIV layers, one chunk, content type text/markdown.',
    recipients: [four],
    plaintext: utf8(MAML),
    options: { contentType: 'text/markdown' },
  },
  {
    name: 'empty-one-layer',
    description: 'Empty plaintext (one empty final chunk) under a single layer.',
    recipients: [single],
    plaintext: new Uint8Array(0),
    options: {},
  },
  {
    name: 'multi-chunk',
    description: '10000 patterned bytes in 4096-byte chunks: two full chunks and a 1808-byte final chunk.',
    recipients: [four],
    plaintext: patterned(10_000),
    options: { chunkSize: 4096, contentType: 'application/octet-stream' },
  },
  {
    name: 'post-quantum-layers-aad',
    description: 'Layers aes-siv, ML-KEM-1024, X-Wing, aes-siv, with associated data "mamlkit vectors".',
    recipients: [pq],
    plaintext: utf8(MAML),
    options: { aad: utf8('mamlkit vectors') },
  },
  {
    name: 'two-recipients',
    description: 'One data key in two stanzas: the four-layer keyring and a two-layer keyring.',
    recipients: [four, two],
    plaintext: patterned(5000, 3),
    options: { chunkSize: 4096 },
  },
];

await writeVectors(
  {
    file: new URL('./vectors.json', import.meta.url),
    format: 'mamlkit-envelope v1',
    seed: 'mamlkit envelope vectors',
    recordsAad: true,
    keys: (spec) => ({ keyrings: spec.recipients.map((keyring) => exportKeyring(keyring)) }),
    seal: (spec, random) => sealSync(spec.plaintext, spec.recipients, { ...spec.options, random }),
  },
  specs,
);
