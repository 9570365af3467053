/**
 * Signature benchmarks: `npm run bench -- sign`. Signing and verifying a 10 KiB MAML document
 * with mamlkit (signMaml / verifyMaml: line-ending normalisation, section scan, to-be-signed
 * encoding, FIPS 204 context, base64 text format) side by side with calling
 * `@noble/post-quantum`'s `ml_dsa*.sign` / `verify` directly on the same document bytes, for
 * each ML-DSA level; plus the execution gate on the ML-DSA-87 document. Every row names the
 * ML-DSA backend it ran on: `node:crypto` (where the runtime has it) and `@noble/post-quantum`
 * are measured in the same run.
 */
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { native } from '#native';
import { authorizeExecution } from 'mamlkit/gate';
import {
  createTrustStore,
  generateSigningKeyPair,
  SIGNING_ALGORITHMS,
  signMaml,
  verifyMaml,
  type SigningAlgorithm,
} from 'mamlkit/sign';
import type { BenchCase, BenchGroup } from './harness.js';

const DSA: Record<SigningAlgorithm, typeof ml_dsa87> = {
  'ML-DSA-44': ml_dsa44,
  'ML-DSA-65': ml_dsa65,
  'ML-DSA-87': ml_dsa87,
};

/** A MAML workflow padded with Content paragraphs to exactly 10 KiB of UTF-8. */
function tenKibMaml(): string {
  const head = `---
maml_version: "2.0.0"
id: "urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f"
type: "workflow"
origin: "agent://bench"
permissions:
  execute: ["gateway://bench"]
quantum_security_flag: true
---
## Intent
Benchmark document.

## Context
Ten kibibytes of workflow text.

## Code_Blocks
\`\`\`python
print(sum(range(10)))
\`\`\`

## Content
`;
  let text = head;
  const line = 'Step: load the input, transform it with the agreed parameters, store the result.\n';
  while (text.length + line.length <= 10 * 1024) text += line;
  return text + 'x'.repeat(10 * 1024 - text.length - 1) + '\n';
}

/** An ML-DSA backend, as the rows name it. */
type Backend = 'node:crypto' | '@noble/post-quantum';

/** The backends this runtime has: node:crypto only where its ML-DSA passes the probe. */
const BACKENDS: readonly Backend[] =
  native.mlDsa?.get() === undefined ? ['@noble/post-quantum'] : ['@noble/post-quantum', 'node:crypto'];

const BACKEND_NOTE =
  BACKENDS.length === 1
    ? ' node:crypto has no ML-DSA with contexts in this runtime: no node:crypto rows.'
    : '';

/** `run` on one ML-DSA backend (switched for the call, then back to the default). */
function onBackend(backend: Backend, run: () => unknown): () => unknown {
  const useNative = backend === 'node:crypto';
  return () => {
    native.mlDsa?.enable(useNative);
    try {
      return run();
    } finally {
      native.mlDsa?.enable(true);
    }
  };
}

/** One row per backend: `name [backend]`, the pure-JavaScript one first. */
function perBackend(name: string, run: () => unknown, bytes: number): BenchCase[] {
  return BACKENDS.map((backend) => ({ name: `${name} [${backend}]`, run: onBackend(backend, run), bytes }));
}

const ALGORITHM_ID: Record<SigningAlgorithm, number> = { 'ML-DSA-44': 1, 'ML-DSA-65': 2, 'ML-DSA-87': 3 };

/**
 * The version-1 to-be-signed bytes signMaml signs (docs/spec/signature.md), rebuilt here from
 * the spec: magic, algorithm id, key id, created, empty trusted comment, content.
 */
function toBeSigned(algorithm: SigningAlgorithm, keyId: string, created: Date, content: string): Uint8Array {
  const encoder = new TextEncoder();
  const kid = encoder.encode(keyId);
  const body = encoder.encode(content);
  const magic = encoder.encode('mamlkit-sig-v1');
  const out = new Uint8Array(magic.length + 2 + kid.length + 8 + 4 + 8 + body.length);
  const view = new DataView(out.buffer);
  out.set(magic, 0);
  let at = magic.length;
  out[at++] = ALGORITHM_ID[algorithm];
  out[at++] = kid.length;
  out.set(kid, at);
  at += kid.length;
  view.setBigUint64(at, BigInt(created.getTime() / 1000));
  view.setUint32(at + 8, 0);
  view.setBigUint64(at + 12, BigInt(body.length));
  out.set(body, at + 20);
  return out;
}

export default async function groups(): Promise<BenchGroup[]> {
  await Promise.resolve();
  const source = tenKibMaml();
  const bytes = new TextEncoder().encode(source);
  const out: BenchGroup[] = [];
  const stranger = createTrustStore([generateSigningKeyPair().publicKey]);
  for (const algorithm of SIGNING_ALGORITHMS) {
    const { publicKey, secretKey } = generateSigningKeyPair({ algorithm });
    const trust = createTrustStore([publicKey]);
    const dsa = DSA[algorithm];
    const direct = algorithm.toLowerCase().replaceAll('-', '_');
    const signed = signMaml(source, secretKey);
    const signedDirect = dsa.sign(bytes, secretKey.secretKey);
    const created = new Date('2026-02-01T12:00:00Z');
    // signMaml signs the document followed by the empty line it puts before "## Signatures".
    const tbs = toBeSigned(algorithm, secretKey.keyId, created, `${source}\n`);
    const context = new TextEncoder().encode('mamlkit/maml-signature/v1');
    const deterministic = { created, deterministic: true };
    const same = signMaml(source, secretKey, deterministic).includes(
      Buffer.from(dsa.sign(tbs, secretKey.secretKey, { context, extraEntropy: false }))
        .toString('base64')
        .slice(0, 76),
    );
    if (!same) throw new Error('the rebuilt to-be-signed bytes do not match signMaml');
    out.push({
      title: `Sign a 10 KiB MAML document, ${algorithm}, deterministic: the same ML-DSA work in both rows`,
      note: 'Both rows compute the identical ML-DSA signature (same to-be-signed bytes, context and key, no randomness), so the difference is exactly what signMaml adds: scan, encoding, base64 text. Deterministic signing always runs on @noble/post-quantum.',
      cases: [
        {
          name: `${direct}.sign of the to-be-signed bytes (direct) [@noble/post-quantum]`,
          run: () => dsa.sign(tbs, secretKey.secretKey, { context, extraEntropy: false }),
          bytes: bytes.length,
          baseline: true,
        },
        {
          name: 'signMaml, deterministic [@noble/post-quantum]',
          run: () => signMaml(source, secretKey, deterministic),
          bytes: bytes.length,
        },
      ],
    });
    out.push({
      title: `Sign a 10 KiB MAML document, ${algorithm} (hedged)`,
      note: `Hedged ML-DSA signing repeats a rejection loop a random number of times, so single calls vary; the median is over all rounds.${BACKEND_NOTE}`,
      cases: [
        {
          name: `${direct}.sign (direct) [@noble/post-quantum]`,
          run: () => dsa.sign(bytes, secretKey.secretKey),
          bytes: bytes.length,
          baseline: true,
        },
        ...perBackend('signMaml', () => signMaml(source, secretKey), bytes.length),
      ],
    });
    out.push({
      title: `Verify a 10 KiB MAML document, ${algorithm}`,
      note: `"signer not trusted" is all the work but ML-DSA (scan, parse, base64, trust check).${BACKEND_NOTE}`,
      cases: [
        {
          name: `${direct}.verify (direct) [@noble/post-quantum]`,
          run: () => dsa.verify(signedDirect, bytes, publicKey.publicKey),
          bytes: bytes.length,
          baseline: true,
        },
        ...perBackend('verifyMaml', () => verifyMaml(signed, trust), bytes.length),
        {
          name: 'verifyMaml, signer not trusted',
          run: () => verifyMaml(signed, stranger),
          bytes: bytes.length,
        },
      ],
    });
    if (algorithm === 'ML-DSA-87') {
      const options = { trust, principal: 'gateway://bench' };
      const [pureJs, ...fast] = perBackend(
        'authorizeExecution',
        () => authorizeExecution(signed, options),
        bytes.length,
      );
      if (pureJs === undefined) throw new Error('no backend');
      out.push({
        title:
          'Execution gate: authorizeExecution (parse, validate, verify, permission), 10 KiB ML-DSA-87 document',
        note: `Goals: at most 1 ms on Node.js 26, and at least 5× faster than the pure-JavaScript path in the same run.${BACKEND_NOTE}`,
        cases: [{ ...pureJs, baseline: true }, ...fast],
      });
    }
  }
  return out;
}
