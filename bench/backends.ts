/**
 * Which backend a library call runs on, for the `backend` column of the benches, and how to force
 * the pure-JavaScript path. Every bench row takes its label from here.
 */
import { native } from '#native';

/** The envelope's payload cipher for a message of `bytes` plaintext bytes with no `backend` option. */
export function envelopeDefaultBackend(bytes: number): 'webcrypto' | 'noble' {
  // src/envelope/payload.ts: WebCrypto above 4 KiB wherever crypto.subtle exists, noble otherwise.
  return 'subtle' in globalThis.crypto && bytes > 4096 ? 'webcrypto' : 'noble';
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
