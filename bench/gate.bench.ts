/**
 * Execution gate benchmark: `npm run bench -- gate`. `authorizeExecution` (parse, strict
 * validation, ML-DSA-87 verification, permission) on a signed 10 KiB document, once on the
 * pure-JavaScript path (@noble/post-quantum forced) and once with the default backend, measured
 * interleaved in one run so their ratio is the speed-up the default backend brings.
 */
import { authorizeExecution } from 'mamlkit/gate';
import { createTrustStore, generateSigningKeyPair, signMaml } from 'mamlkit/sign';
import { onSignatureBackend, signatureDefaultBackend } from './backends.js';
import { tenKibMaml } from './documents.js';
import type { BenchGroup } from './harness.js';

export default async function groups(): Promise<BenchGroup[]> {
  const source = tenKibMaml();
  const bytes = new TextEncoder().encode(source).length;
  const { publicKey, secretKey } = generateSigningKeyPair({ algorithm: 'ML-DSA-87' });
  const signed = signMaml(source, secretKey);
  const options = { trust: createTrustStore([publicKey]), principal: 'gateway://bench' };
  const pureJs = onSignatureBackend('noble', () => authorizeExecution(signed, options));
  for (const run of [() => authorizeExecution(signed, options), pureJs]) {
    const decision = await Promise.resolve(run() as ReturnType<typeof authorizeExecution>);
    if (!decision.allowed)
      throw new Error(`the bench document is refused: ${JSON.stringify(decision.reasons)}`);
  }
  return [
    {
      title: 'Execution gate: authorizeExecution on a 10 KiB ML-DSA-87 document',
      interleaved: true,
      cases: [
        {
          name: 'authorizeExecution, pure JavaScript (noble forced)',
          run: pureJs,
          bytes,
          baseline: true,
          backend: 'noble',
        },
        {
          name: 'authorizeExecution, default backend',
          run: () => authorizeExecution(signed, options),
          bytes,
          backend: signatureDefaultBackend(),
        },
      ],
      note: 'Goals: ≤ 1 ms on Node.js 26 for the default row, and ≥ 5× the pure-JavaScript row’s speed in the same run. Best of 7 interleaved rounds.',
    },
  ];
}
