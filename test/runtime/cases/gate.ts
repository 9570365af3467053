import { authorizeExecution, GateError } from 'mamlkit/gate';
import { createTrustStore, importSigningPublicJwk, importSigningSecretJwk, signMaml } from 'mamlkit/sign';
import vectors from '../../vectors/sign/vectors.json' with { type: 'json' };
import { assert, assertEqual, captureError, type RuntimeCase } from '../harness.js';

const trust = createTrustStore(vectors.keys.map((k) => importSigningPublicJwk(k.publicJwk)));
const signed = vectors.maml[2]?.signed ?? '';
const options = { trust, principal: 'gateway://local', now: new Date('2026-02-10T00:00:00Z') };
const source = vectors.maml[2]?.source ?? '';
const unflagged = source.replace('quantum_security_flag: true\n', '');
const codes = (decision: ReturnType<typeof authorizeExecution>): string =>
  decision.reasons.map((r) => r.code).join(', ');

/** Conformance cases for `mamlkit/gate`. */
export const cases: RuntimeCase[] = [
  {
    name: 'gate: allows the signed vector document and refuses it unsigned or tampered',
    run: () => {
      const allowed = authorizeExecution(signed, options);
      assert(allowed.allowed, `allowed (${allowed.reasons.map((r) => r.code).join(', ')})`);
      const unsigned = authorizeExecution(vectors.maml[2]?.source ?? '', options);
      assertEqual(unsigned.reasons[0]?.code, 'GATE_UNSIGNED', 'unsigned');
      const tampered = authorizeExecution(signed.replace('Add two', 'Add ten'), options);
      assertEqual(tampered.reasons[0]?.code, 'GATE_TAMPERED', 'tampered');
      const denied = authorizeExecution(signed, { ...options, principal: 'agent://mallory' });
      assertEqual(denied.reasons[0]?.code, 'GATE_PERMISSION_DENIED', 'permission');
    },
  },
  {
    name: 'gate: fails closed; only an explicit opt-out runs an unsigned document, and the flag raises it back',
    run: () => {
      assertEqual(codes(authorizeExecution(unflagged, options)), 'GATE_UNSIGNED', 'default');
      const optional = { ...options, signatures: 'optional' } as const;
      assertEqual(codes(authorizeExecution(unflagged, optional)), '', 'opt-out');
      assertEqual(codes(authorizeExecution(source, optional)), 'GATE_UNSIGNED', 'flag under opt-out');
      const tampered = signed.replace('quantum_security_flag: true\n', '');
      assertEqual(codes(authorizeExecution(tampered, optional)), 'GATE_TAMPERED', 'tampered under opt-out');
    },
  },
  {
    name: 'gate: a signature created in the future is refused',
    run: () => {
      const key = vectors.keys.find((k) => k.algorithm === 'ML-DSA-87');
      assert(key !== undefined, 'vector key');
      const future = signMaml(source, importSigningSecretJwk(key.secretJwk), {
        created: new Date('2027-02-10T00:00:00Z'),
      });
      assertEqual(codes(authorizeExecution(future, options)), 'GATE_CREATED_IN_FUTURE', 'future');
      const later = { ...options, now: new Date('2027-02-10T00:01:00Z') };
      assertEqual(codes(authorizeExecution(future, later)), '', 'once the time has come');
    },
  },
  {
    name: 'gate: bad options throw GateError',
    run: async () => {
      const error = await captureError(() => authorizeExecution(signed, { ...options, trust: {} as never }));
      assert(error instanceof GateError && error.code === 'ERR_GATE_OPTIONS', 'GateError');
    },
  },
];
