/**
 * The conformance suite as one module: bundled by run-all.ts (with `mamlkit` resolved to
 * the built dist/) and run unchanged in every runtime.
 */
import { allCases } from './cases/index.js';
import { runCases, type RuntimeReport } from './harness.js';

/** Runs every conformance case and reports the counts for `runtime`. */
export function runSuite(runtime: string): Promise<RuntimeReport> {
  return runCases(runtime, allCases);
}
