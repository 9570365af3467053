import { MamlkitError } from 'mamlkit';
import { EnvelopeError, version } from 'mamlkit/envelope';
import { assert, assertEqual, type RuntimeCase } from '../harness.js';

/** Conformance cases for `mamlkit/envelope`. */
export const cases: RuntimeCase[] = [
  {
    name: 'envelope: exports the package version',
    run: () => {
      assert(/^\d+\.\d+\.\d+/.test(version), 'version is semver');
    },
  },
  {
    name: 'envelope: EnvelopeError is a MamlkitError with its class name',
    run: () => {
      const error = new EnvelopeError('ERR_INVALID_ARGUMENT', 'boom');
      assert(error instanceof MamlkitError, 'instanceof MamlkitError');
      assertEqual(error.name, 'EnvelopeError', 'name');
      assertEqual(error.code, 'ERR_INVALID_ARGUMENT', 'code');
    },
  },
];
