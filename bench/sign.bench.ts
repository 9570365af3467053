/**
 * Signature benchmarks: `npm run bench -- sign`. Signing and verifying a 10 KiB MAML document
 * with mamlkit (signMaml / verifyMaml: line-ending normalisation, section scan, to-be-signed
 * encoding, FIPS 204 context, base64 text format) side by side with calling
 * `@noble/post-quantum`'s `ml_dsa*.sign` / `verify` directly on the same document bytes, for
 * each ML-DSA level; plus the execution gate on the ML-DSA-87 document.
 */
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
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
    const signed = signMaml(source, secretKey);
    const direct = dsa.sign(bytes, secretKey.secretKey);
    out.push({
      title: `Sign a 10 KiB MAML document, ${algorithm} (hedged)`,
      note: 'Goal: signMaml within 15% of the direct call. Hedged ML-DSA signing repeats a rejection loop a random number of times, so single calls vary; the median is over all rounds.',
      cases: [
        {
          name: `${algorithm.toLowerCase().replaceAll('-', '_')}.sign (direct)`,
          run: () => dsa.sign(bytes, secretKey.secretKey),
          bytes: bytes.length,
          baseline: true,
        },
        { name: 'signMaml', run: () => signMaml(source, secretKey), bytes: bytes.length },
      ],
    });
    const verifyCases: BenchCase[] = [
      {
        name: `${algorithm.toLowerCase().replaceAll('-', '_')}.verify (direct)`,
        run: () => dsa.verify(direct, bytes, publicKey.publicKey),
        bytes: bytes.length,
        baseline: true,
      },
      { name: 'verifyMaml', run: () => verifyMaml(signed, trust), bytes: bytes.length },
      {
        name: 'verifyMaml, signer not trusted (all but ML-DSA: scan, parse, base64, trust check)',
        run: () => verifyMaml(signed, stranger),
        bytes: bytes.length,
      },
    ];
    if (algorithm === 'ML-DSA-87') {
      const options = { trust, principal: 'gateway://bench' };
      verifyCases.push({
        name: 'authorizeExecution (parse, validate, verify, permission)',
        run: () => authorizeExecution(signed, options),
        bytes: bytes.length,
      });
    }
    out.push({
      title: `Verify a 10 KiB MAML document, ${algorithm}`,
      note:
        algorithm === 'ML-DSA-87'
          ? 'Goals: verifyMaml within 15% of the direct call, and under 10 ms.'
          : 'Goal: verifyMaml within 15% of the direct call.',
      cases: verifyCases,
    });
  }
  return out;
}
