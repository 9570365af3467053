/**
 * `mamlkit/envelope`: four-key layered envelope encryption with post-quantum layers and streaming.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { EnvelopeError, type EnvelopeErrorCode } from './errors.js';
