/**
 * `mamlkit/policy`: provider limits as data, preflight, token estimates, rate-limit headers, retry planning, pacing.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { PolicyError, type PolicyErrorCode } from './errors.js';
