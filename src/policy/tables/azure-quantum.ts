import type { ProviderTable, QuantumTarget } from '../types.js';

const IONQ = 'https://learn.microsoft.com/en-us/azure/quantum/provider-ionq';
const QUANTINUUM = 'https://learn.microsoft.com/en-us/azure/quantum/provider-quantinuum';
const RIGETTI = 'https://learn.microsoft.com/en-us/azure/quantum/provider-rigetti';
const AVAILABILITY = 'Availability depends on the workspace region and the provider plan.';

function target(qubits: number, kind: QuantumTarget['kind'], source: string): QuantumTarget {
  return { qubits, kind, source, asOf: '2025-06-01', note: AVAILABILITY };
}

/**
 * Azure Quantum targets. Qubit counts are per target: there is no single per-job qubit limit
 * across Azure Quantum.
 */
export const azureQuantumTable: ProviderTable = {
  endpoints: {},
  models: {},
  targets: {
    'ionq.simulator': target(29, 'simulator', IONQ),
    'ionq.qpu.aria-1': target(25, 'qpu', IONQ),
    'ionq.qpu.forte-1': target(36, 'qpu', IONQ),
    'quantinuum.sim.h1-1e': target(20, 'simulator', QUANTINUUM),
    'quantinuum.qpu.h1-1': target(20, 'qpu', QUANTINUUM),
    'quantinuum.qpu.h2-1': target(56, 'qpu', QUANTINUUM),
    'rigetti.qpu.ankaa-3': target(84, 'qpu', RIGETTI),
  },
};
