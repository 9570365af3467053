/**
 * Regenerates vectors.json: `npx tsx test/vectors/sign/generate.ts`.
 * Every signature is deterministic ML-DSA (FIPS 204, rnd = 0), so running this again on any
 * runtime must produce byte-identical output; test/sign/vectors.test.ts checks that it does.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  exportSigningJwk,
  generateSigningKeyPair,
  SIGNING_ALGORITHMS,
  signDetached,
  signMaml,
  type SigningAlgorithm,
} from '../../../src/sign/index.js';
import { encodeToBeSigned } from '../../../src/sign/primitives.js';
import { chunkedContent } from './chunked.js';

const CREATED = new Date('2026-01-01T00:00:00Z');
const SIGNED = new Date('2026-02-01T12:00:00Z');

/** Seed of the key for algorithm number `n`: bytes n*32 .. n*32+31. */
const seedOf = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, k) => (n * 32 + k) & 0xff);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const pairs = SIGNING_ALGORITHMS.map((algorithm, n) =>
  generateSigningKeyPair({ algorithm, seed: seedOf(n), created: CREATED }),
);
const secretOf = (algorithm: SigningAlgorithm) => {
  const pair = pairs.find((p) => p.secretKey.algorithm === algorithm);
  if (pair === undefined) throw new Error(algorithm);
  return pair.secretKey;
};

const SOURCE = `---
maml_version: "2.0.0"
id: "urn:uuid:0b8e7f52-3c1d-4a9e-8f60-2d4c6b8a1e37"
type: "workflow"
origin: "agent://vector-builder"
permissions:
  execute: ["gateway://local"]
quantum_security_flag: true
---
## Intent
Add two numbers — a fixed document for test vectors.

## Context
Line endings are LF; a copy with CRLF must verify too.

## Code_Blocks
\`\`\`python
print(2 + 3)
\`\`\`
`;

const MESSAGE = 'mamlkit detached signature test vector\n';

const CHUNKED_LENGTH = 3 * 1024 * 1024 + 17;

const DETACHED_OPTIONS = {
  created: SIGNED,
  comment: 'untrusted: anyone may change this line',
  trustedComment: 'file: message.txt',
  deterministic: true,
} as const;

/** The fields of a detached vector over `content`: its SHA-512, the signed bytes and the signature. */
function detachedVector(algorithm: SigningAlgorithm, content: Uint8Array) {
  const sha512 = createHash('sha512').update(content).digest();
  const key = secretOf(algorithm);
  return {
    algorithm,
    created: '2026-02-01T12:00:00Z',
    comment: DETACHED_OPTIONS.comment,
    trustedComment: DETACHED_OPTIONS.trustedComment,
    sha512Hex: hex(sha512),
    toBeSignedHex: hex(
      encodeToBeSigned({
        algorithm,
        keyId: key.keyId,
        created: SIGNED.getTime() / 1000,
        trustedComment: DETACHED_OPTIONS.trustedComment,
        content: sha512,
      }),
    ),
    signature: signDetached(content, key, DETACHED_OPTIONS),
  };
}

const out = fileURLToPath(new URL('./vectors.json', import.meta.url));
/** The v1 detached signatures (whole content signed), kept verbatim: v2 readers must refuse them. */
const retired = (JSON.parse(readFileSync(out, 'utf8')) as { retiredDetachedV1: unknown }).retiredDetachedV1;

const vectors = {
  description:
    'Frozen mamlkit signature vectors (docs/spec/signature.md). Deterministic ML-DSA; see README.md.',
  keys: pairs.map((pair, n) => ({
    algorithm: pair.publicKey.algorithm,
    seedHex: hex(seedOf(n)),
    keyId: pair.publicKey.keyId,
    publicJwk: exportSigningJwk(pair.publicKey),
    secretJwk: exportSigningJwk(pair.secretKey, { includePrivate: true }),
  })),
  toBeSigned: {
    algorithm: 'ML-DSA-44' as const,
    keyId: secretOf('ML-DSA-44').keyId,
    created: '2026-02-01T12:00:00Z',
    trustedComment: 'tc',
    contentUtf8: 'hello',
    hex: hex(
      encodeToBeSigned({
        algorithm: 'ML-DSA-44',
        keyId: secretOf('ML-DSA-44').keyId,
        created: SIGNED.getTime() / 1000,
        trustedComment: 'tc',
        content: new TextEncoder().encode('hello'),
      }),
    ),
  },
  detached: [
    ...SIGNING_ALGORITHMS.map((algorithm) => ({
      messageUtf8: MESSAGE,
      ...detachedVector(algorithm, new TextEncoder().encode(MESSAGE)),
    })),
    { messageUtf8: '', ...detachedVector('ML-DSA-87', new Uint8Array(0)) },
  ],
  detachedChunked: {
    length: CHUNKED_LENGTH,
    byteAt: '(31 * i + 7) mod 256',
    ...detachedVector('ML-DSA-65', chunkedContent(CHUNKED_LENGTH)),
  },
  retiredDetachedV1: retired,
  maml: SIGNING_ALGORITHMS.map((algorithm) => ({
    algorithm,
    created: '2026-02-01T12:00:00Z',
    source: SOURCE,
    signed: signMaml(SOURCE, secretOf(algorithm), { created: SIGNED, deterministic: true }),
  })),
  cosigned: {
    algorithms: ['ML-DSA-87', 'ML-DSA-44'],
    created: '2026-02-01T12:00:00Z',
    source: SOURCE,
    signed: signMaml(
      signMaml(SOURCE, secretOf('ML-DSA-87'), { created: SIGNED, deterministic: true }),
      secretOf('ML-DSA-44'),
      { created: SIGNED, deterministic: true },
    ),
  },
};

writeFileSync(out, JSON.stringify(vectors, null, 2) + '\n');
console.log(`wrote ${out}`);
