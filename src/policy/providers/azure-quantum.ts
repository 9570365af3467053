import { bearer } from '../auth/credentials.js';
import type { QuantumTarget } from '../types.js';
import type { ProviderProfile } from './profile.js';

const CHECKED = '2026-12-05';
const IONQ = 'https://learn.microsoft.com/en-us/azure/quantum/provider-ionq';
const QUANTINUUM = 'https://learn.microsoft.com/en-us/azure/quantum/provider-quantinuum';
const RIGETTI = 'https://learn.microsoft.com/en-us/azure/quantum/provider-rigetti';
const AVAILABILITY = 'Availability depends on the workspace region and the provider plan.';

function target(
  qubits: number,
  kind: QuantumTarget['kind'],
  source: string,
  status: QuantumTarget['status'] = 'active',
): QuantumTarget {
  return { qubits, kind, source, checkedAt: CHECKED, status, note: AVAILABILITY };
}

/**
 * Azure Quantum: Microsoft Entra ID bearer tokens, no documented rate-limit headers (only the
 * retry headers are read). Qubit counts are per target: there is no single per-job qubit limit.
 */
export const azureQuantum: ProviderProfile = {
  id: 'azure-quantum',
  title: 'Azure Quantum',
  about:
    'Qubit counts are per target. There is no single per-job qubit limit across Azure Quantum (a “32 qubits per job” figure is not in Microsoft’s documentation).',
  table: {
    endpoints: {},
    models: {},
    targets: {
      'ionq.simulator': target(29, 'simulator', IONQ),
      'ionq.qpu.aria-1': target(25, 'qpu', IONQ),
      'ionq.qpu.forte-1': target(36, 'qpu', IONQ),
      'quantinuum.sim.h1-1e': target(20, 'simulator', QUANTINUUM, 'retired'),
      'quantinuum.qpu.h1-1': target(20, 'qpu', QUANTINUUM, 'retired'),
      'quantinuum.qpu.h2-1': target(56, 'qpu', QUANTINUUM),
      'rigetti.qpu.ankaa-3': target(84, 'qpu', RIGETTI, 'retired'),
    },
  },
  authHeaders: (credentials) => bearer('bearerToken', credentials.bearerToken),
  rateLimitHeaders: { windows: {}, reset: 'duration' },
};
