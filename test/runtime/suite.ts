/**
 * The conformance suite as one module: bundled by run-all.ts (with `mamlkit` resolved to
 * the built dist/) and run unchanged in every runtime.
 */
import { selectedBackends } from './backends.js';
import { allCases } from './cases/index.js';
import { runCases, type RuntimeReport } from './harness.js';

/** Runs every conformance case and reports the counts for `runtime` and the backends it selected. */
export async function runSuite(runtime: string): Promise<RuntimeReport> {
  const report = await runCases(runtime, allCases);
  return { ...report, backends: await selectedBackends() };
}
