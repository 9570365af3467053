/**
 * Signature benchmarks: `npm run bench -- sign`. Signing and verifying a 10 KiB MAML document
 * with mamlkit (signMaml / verifyMaml: line-ending normalisation, section scan, to-be-signed
 * encoding, FIPS 204 context, base64 text format) side by side with calling
 * `@noble/post-quantum`'s `ml_dsa*.sign` / `verify` directly on the same document bytes, for
 * each ML-DSA level. Hedged signing and verification run on every ML-DSA backend the runtime has
 * (node:crypto where it passes its probe, and @noble/post-quantum), each row naming its backend;
 * deterministic signing is always noble. The execution gate is bench/gate.bench.ts.
 */
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import {
  createTrustStore,
  generateSigningKeyPair,
  SIGNING_ALGORITHMS,
  signMaml,
  verifyMaml,
  type SigningAlgorithm,
} from 'mamlkit/sign';
import { onSignatureBackend, signatureBackends } from './backends.js';
import { tenKibMaml } from './documents.js';
import type { BenchCase, BenchGroup } from './harness.js';

const DSA: Record<SigningAlgorithm, typeof ml_dsa87> = {
  'ML-DSA-44': ml_dsa44,
  'ML-DSA-65': ml_dsa65,
  'ML-DSA-87': ml_dsa87,
};

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

/** Standard base64 without a Node.js Buffer, so this bench also runs in a browser. */
const base64 = (bytes: Uint8Array): string =>
  btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));

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
    const created = new Date('2026-02-01T12:00:00Z');
    // signMaml signs the document followed by the empty line it puts before "## Signatures".
    const tbs = toBeSigned(algorithm, secretKey.keyId, created, `${source}\n`);
    const context = new TextEncoder().encode('mamlkit/maml-signature/v1');
    const deterministic = { created, deterministic: true };
    const same = signMaml(source, secretKey, deterministic).includes(
      base64(dsa.sign(tbs, secretKey.secretKey, { context, extraEntropy: false })).slice(0, 76),
    );
    if (!same) throw new Error('the rebuilt to-be-signed bytes do not match signMaml');
    out.push({
      title: `Sign a 10 KiB MAML document, ${algorithm}, deterministic: the same ML-DSA work in both rows`,
      note: 'Both rows compute the identical ML-DSA signature (same to-be-signed bytes, context and key, no randomness), so the difference is exactly what signMaml adds: scan, encoding, base64 text.',
      cases: [
        {
          name: `${algorithm.toLowerCase().replaceAll('-', '_')}.sign of the to-be-signed bytes (direct)`,
          run: () => dsa.sign(tbs, secretKey.secretKey, { context, extraEntropy: false }),
          bytes: bytes.length,
          baseline: true,
          backend: 'noble',
        },
        {
          name: 'signMaml, deterministic',
          run: () => signMaml(source, secretKey, deterministic),
          bytes: bytes.length,
          backend: 'noble',
        },
      ],
    });
    out.push({
      title: `Sign a 10 KiB MAML document, ${algorithm} (hedged)`,
      note: 'Goal: signMaml within 15% of the direct call. Hedged ML-DSA signing repeats a rejection loop a random number of times, so single calls vary; the median is over all rounds.',
      cases: [
        {
          name: `${algorithm.toLowerCase().replaceAll('-', '_')}.sign (direct)`,
          run: () => dsa.sign(bytes, secretKey.secretKey),
          bytes: bytes.length,
          baseline: true,
          backend: 'noble',
        },
        ...signatureBackends().map((backend) => ({
          name: 'signMaml',
          run: onSignatureBackend(backend, () => signMaml(source, secretKey)),
          bytes: bytes.length,
          backend,
        })),
      ],
    });
    const verifyCases: BenchCase[] = [
      {
        name: `${algorithm.toLowerCase().replaceAll('-', '_')}.verify (direct)`,
        run: () => dsa.verify(direct, bytes, publicKey.publicKey),
        bytes: bytes.length,
        baseline: true,
        backend: 'noble',
      },
      ...signatureBackends().map((backend) => ({
        name: 'verifyMaml',
        run: onSignatureBackend(backend, () => verifyMaml(signed, trust)),
        bytes: bytes.length,
        backend,
      })),
      {
        name: 'verifyMaml, signer not trusted (all but ML-DSA: scan, parse, base64, trust check)',
        run: () => verifyMaml(signed, stranger),
        bytes: bytes.length,
      },
    ];
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
