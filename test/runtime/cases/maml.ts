import { MamlkitError } from 'mamlkit';
import { MamlError, version } from 'mamlkit/maml';
import { assert, assertEqual, type RuntimeCase } from '../harness.js';

/** Conformance cases for `mamlkit/maml`. */
export const cases: RuntimeCase[] = [
  {
    name: 'maml: exports the package version',
    run: () => {
      assert(/^\d+\.\d+\.\d+/.test(version), 'version is semver');
    },
  },
  {
    name: 'maml: MamlError is a MamlkitError with its class name',
    run: () => {
      const error = new MamlError('ERR_INVALID_ARGUMENT', 'boom');
      assert(error instanceof MamlkitError, 'instanceof MamlkitError');
      assertEqual(error.name, 'MamlError', 'name');
      assertEqual(error.code, 'ERR_INVALID_ARGUMENT', 'code');
    },
  },
];
