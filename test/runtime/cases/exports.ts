import * as root from 'mamlkit';
import * as audit from 'mamlkit/audit';
import * as envelope from 'mamlkit/envelope';
import * as gate from 'mamlkit/gate';
import * as maml from 'mamlkit/maml';
import * as policy from 'mamlkit/policy';
import * as sign from 'mamlkit/sign';
import { assert, assertEqual, type RuntimeCase } from '../harness.js';

/** Each subpath with its error class, as a user imports them. */
const subpaths = [
  ['maml', maml.version, maml.MamlError, 'MamlError'],
  ['sign', sign.version, sign.SignError, 'SignError'],
  ['envelope', envelope.version, envelope.EnvelopeError, 'EnvelopeError'],
  ['policy', policy.version, policy.PolicyError, 'PolicyError'],
  ['audit', audit.version, audit.AuditError, 'AuditError'],
  ['gate', gate.version, gate.GateError, 'GateError'],
] as const;

/** Conformance cases for what every subpath exports: the version and its error class. */
export const cases: RuntimeCase[] = [
  {
    name: 'exports: every subpath exports the same semver version as the root',
    run: () => {
      assert(/^\d+\.\d+\.\d+/.test(root.version), 'root version is semver');
      for (const [name, version] of subpaths) assertEqual(version, root.version, `mamlkit/${name} version`);
    },
  },
  {
    name: 'exports: each subpath error is a MamlkitError named after its class, also exported from the root',
    run: () => {
      for (const [name, , ErrorClass, className] of subpaths) {
        const error = new ErrorClass('ERR_INVALID_ARGUMENT', 'boom');
        assert(error instanceof root.MamlkitError, `${className} instanceof MamlkitError`);
        assert(error instanceof Error, `${className} instanceof Error`);
        assertEqual(error.name, className, `mamlkit/${name} error name`);
        assertEqual(error.code, 'ERR_INVALID_ARGUMENT', `${className} code`);
        assertEqual(root[className], ErrorClass, `root re-exports ${className}`);
        assert(root.isMamlkitError(error, 'ERR_INVALID_ARGUMENT'), `isMamlkitError(${className})`);
      }
    },
  },
];
