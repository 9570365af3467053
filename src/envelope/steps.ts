import { EnvelopeError } from './errors.js';
import type { MaybePromise } from './layers/descriptor.js';

/** A computation that yields layer steps (values or promises) and gets their results back. */
export type Steps<R> = Generator<MaybePromise<unknown>, R, unknown>;

/**
 * A step with two ways to compute it: {@link runSync} calls `sync`, {@link runAsync} awaits
 * `async` (a native path that only an asynchronous run may take, such as WebCrypto). Both give
 * the same value.
 */
export class TwoWayStep<T> {
  constructor(
    readonly sync: () => T,
    readonly async: () => Promise<T>,
  ) {}
}

/** Runs `steps` synchronously; a step that returns a promise is refused (its kind is asynchronous). */
export function runSync<R>(steps: Steps<R>): R {
  let result = steps.next();
  while (result.done !== true) {
    const value = result.value;
    if (value instanceof Promise) {
      value.catch(() => undefined);
      result = steps.throw(asynchronousLayer());
      continue;
    }
    let computed: unknown;
    try {
      computed = value instanceof TwoWayStep ? value.sync() : value;
    } catch (error) {
      result = steps.throw(error);
      continue;
    }
    result = steps.next(computed);
  }
  return result.value;
}

/** Runs `steps`, awaiting each; a rejected step is thrown back into the computation. */
export async function runAsync<R>(steps: Steps<R>): Promise<R> {
  let result = steps.next();
  while (result.done !== true) {
    let value: unknown;
    try {
      value = await (result.value instanceof TwoWayStep ? result.value.async() : result.value);
    } catch (error) {
      result = steps.throw(error);
      continue;
    }
    result = steps.next(value);
  }
  return result.value;
}

/** The error of a synchronous call given an asynchronous (external) layer. */
export function asynchronousLayer(): EnvelopeError {
  return new EnvelopeError(
    'ERR_INVALID_ARGUMENT',
    'an external layer works only through the asynchronous seal, open, sealStream and openStream',
  );
}
