import { MamlkitError } from 'mamlkit';
import { SignError, version } from 'mamlkit/sign';
import { assert, assertEqual, type RuntimeCase } from '../harness.js';

/** Conformance cases for `mamlkit/sign`. */
export const cases: RuntimeCase[] = [
  {
    name: 'sign: exports the package version',
    run: () => {
      assert(/^\d+\.\d+\.\d+/.test(version), 'version is semver');
    },
  },
  {
    name: 'sign: SignError is a MamlkitError with its class name',
    run: () => {
      const error = new SignError('ERR_INVALID_ARGUMENT', 'boom');
      assert(error instanceof MamlkitError, 'instanceof MamlkitError');
      assertEqual(error.name, 'SignError', 'name');
      assertEqual(error.code, 'ERR_INVALID_ARGUMENT', 'code');
    },
  },
];
