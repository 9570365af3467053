import { describe, expect, expectTypeOf, it } from 'vitest';
import { isMamlkitError, MamlkitError, type MamlkitErrorCode } from '../src/errors.js';
import { AuditError } from '../src/audit/errors.js';
import { EnvelopeError } from '../src/envelope/errors.js';
import { GateError } from '../src/gate/errors.js';
import { MamlError, type MamlErrorCode } from '../src/maml/errors.js';
import { PolicyError } from '../src/policy/errors.js';
import { SignError } from '../src/sign/errors.js';

describe('MamlkitError', () => {
  it('keeps code, message and cause, and names itself after its class', () => {
    const cause = new TypeError('inner');
    const error = new MamlkitError('ERR_LIMIT_EXCEEDED', 'too big', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('ERR_LIMIT_EXCEEDED');
    expect(error.message).toBe('too big');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('MamlkitError');
    expect('cause' in new MamlkitError('ERR_INVALID_ARGUMENT', 'no cause')).toBe(false);
  });

  it.each([
    [MamlError, 'MamlError'],
    [SignError, 'SignError'],
    [EnvelopeError, 'EnvelopeError'],
    [PolicyError, 'PolicyError'],
    [AuditError, 'AuditError'],
    [GateError, 'GateError'],
  ] as const)('%o is a MamlkitError named %s', (Class, name) => {
    const error = new Class('ERR_INVALID_ARGUMENT', 'bad');
    expect(error).toBeInstanceOf(MamlkitError);
    expect(error.name).toBe(name);
    expect(isMamlkitError(error, 'ERR_INVALID_ARGUMENT')).toBe(true);
    expect(isMamlkitError(error, 'ERR_LIMIT_EXCEEDED')).toBe(false);
  });

  it('isMamlkitError rejects other errors and non-errors', () => {
    expect(isMamlkitError(new Error('x'))).toBe(false);
    expect(isMamlkitError({ code: 'ERR_INVALID_ARGUMENT' })).toBe(false);
    expect(isMamlkitError(undefined)).toBe(false);
  });

  it('a switch over a subclass code narrows to that module’s codes', () => {
    const describeError = (error: MamlError): string => {
      switch (error.code) {
        case 'ERR_INVALID_ARGUMENT':
        case 'ERR_LIMIT_EXCEEDED':
          return `common:${error.code}`;
        default: {
          expectTypeOf(error.code).toEqualTypeOf<MamlErrorCode>();
          return `maml:${error.code}`;
        }
      }
    };
    expect(describeError(new MamlError('ERR_LIMIT_EXCEEDED', 'x'))).toBe('common:ERR_LIMIT_EXCEEDED');
    const code: MamlErrorCode = 'ERR_MAML_ENCODING';
    expect(describeError(new MamlError(code, 'x'))).toBe('maml:ERR_MAML_ENCODING');
    expectTypeOf<MamlErrorCode>().toExtend<MamlkitErrorCode>();
  });
});
