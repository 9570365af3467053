import {
  createTrustStore,
  detachedHasher,
  generateSigningKeyPair,
  importSigningPublicJwk,
  importSigningSecretJwk,
  SignError,
  signDetached,
  signMaml,
  verifyDetached,
  verifyMaml,
} from 'mamlkit/sign';
import { parseMaml } from 'mamlkit/maml';
import vectors from '../../vectors/sign/vectors.json' with { type: 'json' };
import { chunkedContent, chunksOf } from '../../vectors/sign/chunked.js';
import { assert, assertEqual, captureError, type RuntimeCase } from '../harness.js';

const trust = createTrustStore(vectors.keys.map((k) => importSigningPublicJwk(k.publicJwk)));
const secretOf = (algorithm: string) => {
  const k = vectors.keys.find((key) => key.algorithm === algorithm);
  assert(k !== undefined, `vector key ${algorithm}`);
  return importSigningSecretJwk(k.secretJwk);
};

/** Conformance cases for `mamlkit/sign`. */
export const cases: RuntimeCase[] = [
  {
    name: 'sign: frozen vector keys import to the same key ids',
    run: () => {
      for (const k of vectors.keys)
        assertEqual(importSigningSecretJwk(k.secretJwk).keyId, k.keyId, k.algorithm);
    },
  },
  {
    name: 'sign: frozen detached signatures verify and re-sign byte for byte',
    run: () => {
      for (const v of vectors.detached) {
        assert(verifyDetached(v.messageUtf8, v.signature, trust).valid, `${v.algorithm} verifies`);
        const again = signDetached(v.messageUtf8, secretOf(v.algorithm), {
          created: new Date(v.created),
          comment: v.comment,
          trustedComment: v.trustedComment,
          deterministic: true,
        });
        assertEqual(again, v.signature, `${v.algorithm} deterministic signature`);
      }
    },
  },
  {
    name: 'sign: the multi-chunk detached vector hashes in chunks to its signed digest and re-signs byte for byte',
    run: () => {
      const v = vectors.detachedChunked;
      const hasher = detachedHasher();
      for (const chunk of chunksOf(chunkedContent(v.length), 65_537)) hasher.update(chunk);
      const digest = hasher.digest();
      assert(verifyDetached(digest, v.signature, trust).valid, 'verifies');
      const again = signDetached(digest, secretOf(v.algorithm), {
        created: new Date(v.created),
        comment: v.comment,
        trustedComment: v.trustedComment,
        deterministic: true,
      });
      assertEqual(again, v.signature, 'deterministic signature');
    },
  },
  {
    name: 'sign: a retired v1 detached signature is refused as MALFORMED',
    run: () => {
      for (const v of vectors.retiredDetachedV1) {
        const result = verifyDetached(v.messageUtf8, v.signature, trust);
        assertEqual(result.reason?.error?.code, 'ERR_SIGN_FORMAT', `${v.algorithm} retired`);
      }
    },
  },
  {
    name: 'sign: frozen MAML signatures verify (LF and CRLF) and re-sign byte for byte',
    run: () => {
      for (const v of vectors.maml) {
        assert(verifyMaml(v.signed, trust).valid, `${v.algorithm} verifies`);
        assert(verifyMaml(v.signed.replaceAll('\n', '\r\n'), trust).valid, `${v.algorithm} CRLF verifies`);
        const again = signMaml(v.source, secretOf(v.algorithm), {
          created: new Date(v.created),
          deterministic: true,
        });
        assertEqual(again, v.signed, `${v.algorithm} deterministic document`);
      }
      assert(
        verifyMaml(vectors.cosigned.signed, trust, { threshold: 2 }).valid,
        'co-signed document verifies',
      );
    },
  },
  {
    name: 'sign: a fresh hedged signature verifies here and fails after a one-byte change',
    run: () => {
      const { publicKey, secretKey } = generateSigningKeyPair({ algorithm: 'ML-DSA-65' });
      const own = createTrustStore([publicKey]);
      const source = vectors.maml[0]?.source ?? '';
      const signed = signMaml(source, secretKey);
      assert(verifyMaml(signed, own).valid, 'verifies');
      const tampered = signed.replace('print(2 + 3)', 'print(2 + 4)');
      assertEqual(verifyMaml(tampered, own).reason?.code, 'BAD_SIGNATURE', 'tampered reason');
    },
  },
  {
    name: 'sign: truncated signatures and bad JWKs give typed errors',
    run: async () => {
      const v = vectors.detached[0];
      assert(v !== undefined, 'vector');
      const truncated = verifyDetached(v.messageUtf8, v.signature.slice(0, 400), trust);
      assertEqual(truncated.reason?.code, 'MALFORMED', 'truncated reason');
      assert(truncated.reason?.error instanceof SignError, 'typed error');
      const k = vectors.keys[0];
      assert(k !== undefined, 'key');
      const error = await captureError(() =>
        importSigningPublicJwk({ ...k.publicJwk, alg: 'ML-DSA-87', kid: undefined }),
      );
      assert(
        error instanceof SignError && error.code === 'ERR_SIGN_KEY_INVALID',
        'alg/size mismatch rejected',
      );
    },
  },
  {
    name: 'sign: a key whose key id is not its thumbprint is refused by the trust store',
    run: async () => {
      const [a, b] = vectors.keys.map((k) => importSigningPublicJwk(k.publicJwk));
      assert(a !== undefined && b !== undefined, 'two vector keys');
      const error = await captureError(() => createTrustStore([{ ...a, keyId: b.keyId }]));
      assert(error instanceof SignError && error.code === 'ERR_SIGN_KEY_INVALID', 'ERR_SIGN_KEY_INVALID');
    },
  },
  {
    name: 'sign: a detached signature created in the future is refused',
    run: () => {
      const now = new Date('2026-02-10T00:00:00Z');
      const sig = signDetached('data', secretOf('ML-DSA-44'), { created: new Date('2026-02-10T00:10:00Z') });
      assertEqual(
        verifyDetached('data', sig, trust, { now }).reason?.code,
        'CREATED_IN_FUTURE',
        'default skew',
      );
      assert(verifyDetached('data', sig, trust, { now, clockSkewMs: 900_000 }).valid, 'wider skew');
    },
  },
  {
    name: 'sign: a lone CR and a variant "Signatures" heading are refused by parse, sign and verify alike',
    run: async () => {
      const v = vectors.maml[0];
      assert(v !== undefined, 'vector');
      const cases = [
        [v.signed.replace('\n', '\r'), 'MAML_LONE_CR', 'ERR_SIGN_LINE_ENDING'],
        [
          v.signed.replace('\n## Signatures\n', '\n## signatures\n'),
          'MAML_SIGNATURE_SECTION',
          'ERR_SIGN_MAML_SECTION',
        ],
      ] as const;
      for (const [source, diagnostic, code] of cases) {
        const codes = parseMaml(source).diagnostics.map((d) => d.code);
        assert(codes.includes(diagnostic), `parse reports ${diagnostic}`);
        assertEqual(verifyMaml(source, trust).reason?.error?.code, code, 'verify reason');
        const error = await captureError(() => signMaml(source, secretOf(v.algorithm)));
        assert(error instanceof SignError && error.code === code, `sign refuses with ${code}`);
      }
    },
  },
];
