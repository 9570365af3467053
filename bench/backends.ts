/**
 * Which backend a library call runs on, for the `backend` column of the benches, and how to force
 * the pure-JavaScript path. Every bench row takes its label from here.
 */
import { native } from '#native';
import { seal, type EnvelopeBackend, type Keyring } from 'mamlkit/envelope';

/** The envelope's payload cipher with no `backend` option. */
export function envelopeDefaultBackend(): EnvelopeBackend {
  // src/envelope/payload.ts: node:crypto wherever it has AES-256-GCM, otherwise WebCrypto
  // where crypto.subtle exists, otherwise noble.
  if (native.aesGcm?.get() !== undefined) return 'node';
  return 'subtle' in globalThis.crypto ? 'webcrypto' : 'noble';
}

/** The payload backends this runtime can run, found by sealing one byte on each. */
export async function envelopeBackends(keyring: Keyring): Promise<EnvelopeBackend[]> {
  const all: EnvelopeBackend[] = ['node', 'webcrypto', 'noble'];
  const works = await Promise.all(
    all.map((backend) =>
      seal('x', keyring, { backend }).then(
        () => true,
        () => false,
      ),
    ),
  );
  return all.filter((_, i) => works[i]);
}

/** An ML-DSA backend, as the rows name it. */
export type SignatureBackend = 'node:crypto' | 'noble';

/** The ML-DSA implementation behind `signMaml`, `verifyMaml` and `authorizeExecution` by default. */
export function signatureDefaultBackend(): SignatureBackend {
  return native.mlDsa?.get() === undefined ? 'noble' : 'node:crypto';
}

/** The ML-DSA backends this runtime has, the pure-JavaScript one first. */
export function signatureBackends(): readonly SignatureBackend[] {
  return signatureDefaultBackend() === 'noble' ? ['noble'] : ['noble', 'node:crypto'];
}

/**
 * `run` on one ML-DSA backend: the native capability is switched off for the call when `backend`
 * is `noble`, and back on afterwards (an option cannot force it: `#native` is private).
 */
export function onSignatureBackend(backend: SignatureBackend, run: () => unknown): () => unknown {
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
