import { MamlkitError } from 'mamlkit';
import { PolicyError, version } from 'mamlkit/policy';
import { assert, assertEqual, type RuntimeCase } from '../harness.js';

/** Conformance cases for `mamlkit/policy`. */
export const cases: RuntimeCase[] = [
  {
    name: 'policy: exports the package version',
    run: () => {
      assert(/^\d+\.\d+\.\d+/.test(version), 'version is semver');
    },
  },
  {
    name: 'policy: PolicyError is a MamlkitError with its class name',
    run: () => {
      const error = new PolicyError('ERR_INVALID_ARGUMENT', 'boom');
      assert(error instanceof MamlkitError, 'instanceof MamlkitError');
      assertEqual(error.name, 'PolicyError', 'name');
      assertEqual(error.code, 'ERR_INVALID_ARGUMENT', 'code');
    },
  },
];
