import { MamlkitError } from 'mamlkit';
import { AuditError, version } from 'mamlkit/audit';
import { assert, assertEqual, type RuntimeCase } from '../harness.js';

/** Conformance cases for `mamlkit/audit`. */
export const cases: RuntimeCase[] = [
  {
    name: 'audit: exports the package version',
    run: () => {
      assert(/^\d+\.\d+\.\d+/.test(version), 'version is semver');
    },
  },
  {
    name: 'audit: AuditError is a MamlkitError with its class name',
    run: () => {
      const error = new AuditError('ERR_INVALID_ARGUMENT', 'boom');
      assert(error instanceof MamlkitError, 'instanceof MamlkitError');
      assertEqual(error.name, 'AuditError', 'name');
      assertEqual(error.code, 'ERR_INVALID_ARGUMENT', 'code');
    },
  },
];
