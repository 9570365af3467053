/**
 * The mamlkit version, kept in step with package.json by a unit test.
 *
 * @example
 * ```ts
 * import { version } from 'mamlkit';
 * console.log(`mamlkit ${version}`);
 * ```
 */
export const version = '0.1.0';
