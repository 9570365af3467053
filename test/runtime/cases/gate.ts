import { authorizeExecution, GateError } from 'mamlkit/gate';
import { createTrustStore, importSigningPublicJwk } from 'mamlkit/sign';
import vectors from '../../vectors/sign/vectors.json' with { type: 'json' };
import { assert, assertEqual, captureError, type RuntimeCase } from '../harness.js';

const trust = createTrustStore(vectors.keys.map((k) => importSigningPublicJwk(k.publicJwk)));
const signed = vectors.maml[2]?.signed ?? '';
const options = { trust, principal: 'gateway://local', now: new Date('2026-02-10T00:00:00Z') };

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
    name: 'gate: bad options throw GateError',
    run: async () => {
      const error = await captureError(() => authorizeExecution(signed, { ...options, trust: {} as never }));
      assert(error instanceof GateError && error.code === 'ERR_GATE_OPTIONS', 'GateError');
    },
  },
];
