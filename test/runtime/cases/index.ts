import type { RuntimeCase } from '../harness.js';
import { cases as audit } from './audit.js';
import { cases as envelope } from './envelope.js';
import { cases as exports } from './exports.js';
import { cases as gate } from './gate.js';
import { cases as maml } from './maml.js';
import { cases as policy } from './policy.js';
import { cases as runtime } from './runtime.js';
import { cases as sign } from './sign.js';
import { cases as webcrypto } from './webcrypto.js';

/** Every conformance case, in a stable order. Each module owns its own file. */
export const allCases: readonly RuntimeCase[] = [
  ...runtime,
  ...exports,
  ...maml,
  ...sign,
  ...envelope,
  ...policy,
  ...audit,
  ...gate,
  ...webcrypto,
];
