/**
 * `mamlkit`: every module in one import. Each capability also has its own subpath
 * (`mamlkit/maml`, `mamlkit/sign`, `mamlkit/envelope`, `mamlkit/policy`, `mamlkit/audit`,
 * `mamlkit/gate`); importing a subpath pulls in only what it needs.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './maml/index.js';
export * from './sign/index.js';
export * from './envelope/index.js';
export * from './policy/index.js';
export * from './audit/index.js';
export * from './gate/index.js';
