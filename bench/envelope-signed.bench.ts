/**
 * Signed-envelope benchmarks: `npm run bench -- envelope-signed`. Signed (ML-DSA-87) seal and
 * open of 4 KiB and 16 MiB beside unsigned ones in the same run, ML-DSA-87 signing and
 * verifying a 64-byte digest alone (what a signature should add), and `reencrypt` of 16 MiB
 * beside the `open` + `seal` it replaces.
 */
import { ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { randomBytes } from 'node:crypto';
import { generateKeyring, open, reencrypt, seal } from 'mamlkit/envelope';
import { createTrustStore, generateSigningKeyPair } from 'mamlkit/sign';
import type { BenchGroup } from './harness.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const keyring = generateKeyring();
const next = generateKeyring();
const { secretKey, publicKey } = generateSigningKeyPair();
const trust = createTrustStore([publicKey]);
const digest = randomBytes(64);
const context = new TextEncoder().encode('mamlkit-envelope/v2 signature');

async function sizeGroup(size: number): Promise<BenchGroup> {
  const data = randomBytes(size);
  const unsigned = await seal(data, keyring);
  const signed = await seal(data, keyring, { signer: secretKey });
  const label = size >= MiB ? `${size / MiB} MiB` : `${size / KiB} KiB`;
  return {
    title: `Signed and unsigned seal and open, ${label}, four layers, ML-DSA-87`,
    cases: [
      { name: 'seal, unsigned', run: () => seal(data, keyring), bytes: size, baseline: true },
      { name: 'seal, signed', run: () => seal(data, keyring, { signer: secretKey }), bytes: size },
      { name: 'open, unsigned', run: () => open(unsigned, keyring), bytes: size },
      { name: 'open, signed, with trust', run: () => open(signed, keyring, { trust }), bytes: size },
    ],
    note: 'A signature should cost one ML-DSA operation and one SHA-512 pass over the envelope, not a pass per chunk.',
  };
}

export default async function groups(): Promise<BenchGroup[]> {
  const big = randomBytes(16 * MiB);
  const sealedBig = await seal(big, keyring);
  const signature = ml_dsa87.sign(digest, secretKey.secretKey, { context });
  return [
    {
      title: 'ML-DSA-87 on a 64-byte digest, alone',
      cases: [
        {
          name: 'sign (hedged)',
          run: () => ml_dsa87.sign(digest, secretKey.secretKey, { context }),
          baseline: true,
        },
        { name: 'verify', run: () => ml_dsa87.verify(signature, digest, publicKey.publicKey, { context }) },
      ],
    },
    await sizeGroup(4 * KiB),
    await sizeGroup(16 * MiB),
    {
      title: 'Rotation of 16 MiB: reencrypt against open then seal',
      cases: [
        {
          name: 'open + seal',
          run: async () => seal(await open(sealedBig, keyring), next),
          bytes: big.length,
          baseline: true,
        },
        {
          name: 'reencrypt',
          run: () => reencrypt(sealedBig, { open: keyring, to: next }),
          bytes: big.length,
        },
      ],
    },
  ];
}
