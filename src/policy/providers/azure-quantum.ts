import { bearer } from '../auth/credentials.js';
import type { QuantumTarget } from '../types.js';
import type { ProviderProfile } from './profile.js';

const CHECKED = '2026-12-05';
const IONQ = 'https://learn.microsoft.com/en-us/azure/quantum/provider-ionq';
const QUANTINUUM = 'https://learn.microsoft.com/en-us/azure/quantum/provider-quantinuum';
const RIGETTI = 'https://learn.microsoft.com/en-us/azure/quantum/provider-rigetti';
const PASQAL = 'https://learn.microsoft.com/en-us/azure/quantum/provider-pasqal';
const AVAILABILITY = 'Availability depends on the workspace region and the provider plan.';

function target(qubits: number, kind: QuantumTarget['kind'], source: string, note?: string): QuantumTarget {
  return { qubits, kind, source, checkedAt: CHECKED, status: 'active', note: note ?? AVAILABILITY };
}

/** A target Microsoft removed from Azure Quantum (no retirement date was published). */
function removed(qubits: number, kind: QuantumTarget['kind'], source: string, note: string): QuantumTarget {
  return { qubits, kind, source, checkedAt: CHECKED, status: 'retired', note };
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
      'ionq.qpu.forte-enterprise-1': target(36, 'qpu', IONQ),
      'pasqal.sim.emu-free': target(12, 'simulator', PASQAL),
      'pasqal.sim.emu-sv': target(25, 'simulator', PASQAL),
      'pasqal.sim.emu-mps': target(80, 'simulator', PASQAL),
      'pasqal.qpu.fresnel': target(100, 'qpu', PASQAL),
      'pasqal.qpu.fresnel-can1': target(100, 'qpu', PASQAL),
      'quantinuum.sim.h2-1sc': target(56, 'simulator', QUANTINUUM, `Syntax checker. ${AVAILABILITY}`),
      'quantinuum.sim.h2-2sc': target(56, 'simulator', QUANTINUUM, `Syntax checker. ${AVAILABILITY}`),
      'quantinuum.sim.h2-1e': target(
        32,
        'simulator',
        QUANTINUUM,
        `Emulator; 56 qubits in stabilizer mode. ${AVAILABILITY}`,
      ),
      'quantinuum.sim.h2-2e': target(
        32,
        'simulator',
        QUANTINUUM,
        `Emulator; 56 qubits in stabilizer mode. ${AVAILABILITY}`,
      ),
      'quantinuum.qpu.h2-1': target(56, 'qpu', QUANTINUUM),
      'quantinuum.qpu.h2-2': target(56, 'qpu', QUANTINUUM),
      'rigetti.sim.qvm': target(
        20,
        'simulator',
        RIGETTI,
        `The target list says 30 qubits, the SDK 20: the smaller is used. ${AVAILABILITY}`,
      ),
      'rigetti.qpu.cepheus-1-108q': target(108, 'qpu', RIGETTI),
      'quantinuum.sim.h1-1e': removed(
        20,
        'simulator',
        QUANTINUUM,
        'Removed from the docs (2025-09-30) and the SDK (2025-10-03).',
      ),
      'quantinuum.qpu.h1-1': removed(
        20,
        'qpu',
        QUANTINUUM,
        'Removed from the docs (2025-09-30) and the SDK (2025-10-03).',
      ),
      'rigetti.qpu.ankaa-3': removed(
        84,
        'qpu',
        RIGETTI,
        'Removed from the docs (2026-04-09) and the SDK (v3.9.0, 2026-04-15).',
      ),
    },
  },
  authHeaders: (credentials) => bearer('bearerToken', credentials.bearerToken),
  rateLimitHeaders: { windows: {}, reset: 'duration' },
};
