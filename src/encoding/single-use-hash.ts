/** What {@link singleUseHash} wraps: any running hash (`node:crypto` or @noble/hashes). */
export interface RunningHash {
  update(bytes: Uint8Array): unknown;
  digest(): Uint8Array;
}

/**
 * A running hash that takes bytes (checked to be a `Uint8Array`) until its one result is taken:
 * `update` or `finish` after `finish` is an error, made by `error` with a message naming
 * `what` (`detached hasher`) and what it gave (`its digest`).
 *
 * @example
 * ```ts
 * const hash = singleUseHash(sha256.create(), 'subject hasher', 'its subject', (m) => new AuditError('ERR_INVALID_ARGUMENT', m));
 * hash.update(chunk);
 * const digest = hash.finish();
 * ```
 */
export function singleUseHash(
  hash: RunningHash,
  what: string,
  gives: string,
  error: (message: string) => Error,
): { readonly update: (bytes: unknown) => void; readonly finish: () => Uint8Array } {
  let finished = false;
  const usable = (): void => {
    if (finished) throw error(`this ${what} already gave ${gives}`);
  };
  return {
    update(bytes) {
      usable();
      if (!(bytes instanceof Uint8Array)) throw error(`a ${what} takes bytes (Uint8Array)`);
      hash.update(bytes);
    },
    finish() {
      usable();
      finished = true;
      return hash.digest();
    },
  };
}
