/**
 * `mamlkit/sign`: ML-DSA (FIPS 204) keys, detached and embedded signatures, trust stores.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { SignError, type SignErrorCode } from './errors.js';
