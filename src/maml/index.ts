/**
 * `mamlkit/maml`: parse, validate, serialize and edit MAML documents; permissions and History.
 *
 * @packageDocumentation
 */
export { version } from '../version.js';
export { MamlError, type MamlErrorCode } from './errors.js';
