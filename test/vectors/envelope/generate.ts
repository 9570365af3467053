/**
 * Regenerates vectors.json: `npx tsx test/vectors/envelope/generate.ts`. The output is
 * deterministic (seeded randomness, see ../../envelope/helpers.ts), so a run on an unchanged
 * format reproduces the committed file byte for byte; a diff means the format changed.
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
import { patterned, recordingRandom, seededRandom } from '../../envelope/helpers.js';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

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

interface Spec {
  readonly name: string;
  readonly description: string;
  readonly recipients: readonly Keyring[];
  readonly plaintext: Uint8Array;
  readonly options: SealOptions;
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

const vectors = specs.map((spec) => {
  const { random, draws } = recordingRandom(seededRandom(`mamlkit envelope vectors: ${spec.name}`));
  const envelope = sealSync(spec.plaintext, spec.recipients, { ...spec.options, random });
  return {
    name: spec.name,
    description: spec.description,
    keyrings: spec.recipients.map((keyring) => exportKeyring(keyring)),
    plaintext: hex(spec.plaintext),
    chunkSize: spec.options.chunkSize ?? null,
    contentType: spec.options.contentType ?? null,
    aad: spec.options.aad === undefined ? null : hex(spec.options.aad),
    random: draws.map(hex),
    envelope: armor(envelope),
  };
});

writeFileSync(new URL('./vectors.json', import.meta.url), `${JSON.stringify({ format: 'mamlkit-envelope v1', vectors }, null, 2)}\n`);
console.log(`wrote ${vectors.length} vectors`);
