/**
 * Which backend a library call runs on, for the `backend` column of the benches, and the options
 * that force the pure-JavaScript path. The library does not report its choice yet, so these
 * hooks restate its documented defaults; they are the one place to change when it does (or when
 * a native backend arrives), and every bench row takes its label from here.
 */

/** The envelope's payload cipher for a message of `bytes` plaintext bytes with no `backend` option. */
export function envelopeDefaultBackend(bytes: number): 'webcrypto' | 'noble' {
  // src/envelope/payload.ts: WebCrypto above 4 KiB wherever crypto.subtle exists, noble otherwise.
  return 'subtle' in globalThis.crypto && bytes > 4096 ? 'webcrypto' : 'noble';
}

/** The ML-DSA implementation behind `authorizeExecution` and `verifyMaml` by default. */
export function signatureDefaultBackend(): 'noble' {
  // Every ML-DSA operation runs in @noble/post-quantum today.
  return 'noble';
}

/**
 * Options that make `authorizeExecution` verify with @noble/post-quantum. Empty while noble is
 * the only ML-DSA backend: the pure-JS and default gate rows then measure the same path.
 */
export const pureJsGateOptions = {} as const;
