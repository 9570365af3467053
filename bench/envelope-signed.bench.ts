/**
 * Signed-envelope benchmarks: `npm run bench -- envelope-signed`. Signed (ML-DSA-87) seal and
 * open of 4 KiB and 16 MiB beside unsigned ones in the same run, ML-DSA-87 signing and
 * verifying a 64-byte digest alone (what a signature should add), `reencrypt` of 16 MiB
 * beside the `open` + `seal` it replaces, and opening with a passphrase layer at the default work
 * factor. Groups are interleaved (best of 7 rounds); every row names its backends.
 */
import { ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { randomBytes } from 'node:crypto';
import {
  createKeyring,
  generateKeyring,
  generateLayerKey,
  open,
  passphraseLayer,
  reencrypt,
  seal,
} from 'mamlkit/envelope';
import { createTrustStore, generateSigningKeyPair } from 'mamlkit/sign';
import { envelopeDefaultBackend, signatureDefaultBackend } from './backends.js';
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
  const payload = envelopeDefaultBackend();
  const both = `${payload}, ML-DSA ${signatureDefaultBackend()}`;
  return {
    title: `Signed and unsigned seal and open, ${label}, four layers, ML-DSA-87`,
    interleaved: true,
    cases: [
      {
        name: 'seal, unsigned',
        run: () => seal(data, keyring),
        bytes: size,
        baseline: true,
        backend: payload,
      },
      {
        name: 'seal, signed',
        run: () => seal(data, keyring, { signer: secretKey }),
        bytes: size,
        backend: both,
      },
      { name: 'open, unsigned', run: () => open(unsigned, keyring), bytes: size, backend: payload },
      {
        name: 'open, signed, with trust',
        run: () => open(signed, keyring, { trust }),
        bytes: size,
        backend: both,
      },
    ],
    note: 'A signature should cost one ML-DSA operation and one SHA-512 pass over the envelope, not a pass per chunk.',
  };
}

export default async function groups(): Promise<BenchGroup[]> {
  const big = randomBytes(16 * MiB);
  const sealedBig = await seal(big, keyring);
  const signature = ml_dsa87.sign(digest, secretKey.secretKey, { context });
  const passphraseKeyring = createKeyring([
    generateLayerKey(),
    passphraseLayer('correct horse battery staple'),
  ]);
  const sealedWithPassphrase = await seal(randomBytes(4 * KiB), passphraseKeyring);
  return [
    {
      title: 'ML-DSA-87 on a 64-byte digest, alone',
      cases: [
        {
          name: 'sign (hedged)',
          run: () => ml_dsa87.sign(digest, secretKey.secretKey, { context }),
          baseline: true,
          backend: 'noble',
        },
        {
          name: 'verify',
          run: () => ml_dsa87.verify(signature, digest, publicKey.publicKey, { context }),
          backend: 'noble',
        },
      ],
      note: 'The pure-JavaScript ML-DSA work alone; the library uses node:crypto where the runtime has it (sign bench).',
    },
    await sizeGroup(4 * KiB),
    await sizeGroup(16 * MiB),
    {
      title: 'Rotation of 16 MiB: reencrypt against open then seal',
      interleaved: true,
      cases: [
        {
          name: 'open + seal',
          run: async () => seal(await open(sealedBig, keyring), next),
          bytes: big.length,
          baseline: true,
          backend: envelopeDefaultBackend(),
        },
        {
          name: 'reencrypt',
          run: () => reencrypt(sealedBig, { open: keyring, to: next }),
          bytes: big.length,
          backend: envelopeDefaultBackend(),
        },
      ],
    },
    {
      title: 'Open a 4 KiB document under an AES-SIV and a passphrase layer, default work factor (18)',
      cases: [
        {
          name: 'open (scrypt N = 2^18, r = 8, p = 1, @noble/hashes)',
          run: () => open(sealedWithPassphrase, passphraseKeyring),
          backend: 'noble',
        },
      ],
      note: 'One scrypt at the default work factor is the whole cost: 256 MiB of memory. Sealing costs the same.',
    },
  ];
}
