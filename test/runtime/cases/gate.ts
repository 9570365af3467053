import { MamlkitError } from 'mamlkit';
import { GateError, version } from 'mamlkit/gate';
import { assert, assertEqual, type RuntimeCase } from '../harness.js';

/** Conformance cases for `mamlkit/gate`. */
export const cases: RuntimeCase[] = [
  {
    name: 'gate: exports the package version',
    run: () => {
      assert(/^\d+\.\d+\.\d+/.test(version), 'version is semver');
    },
  },
  {
    name: 'gate: GateError is a MamlkitError with its class name',
    run: () => {
      const error = new GateError('ERR_INVALID_ARGUMENT', 'boom');
      assert(error instanceof MamlkitError, 'instanceof MamlkitError');
      assertEqual(error.name, 'GateError', 'name');
      assertEqual(error.code, 'ERR_INVALID_ARGUMENT', 'code');
    },
  },
];
