/**
 * `npm run test:native`: the unit tests of every module with a native path (sign, envelope,
 * gate) again on the Node.js lines whose `node:crypto` has ML-DSA, ML-KEM and AES-SIV (24 and
 * 26), so each native path is checked against its pure-JavaScript fallback where it really
 * runs. The native tests fail loudly on these lines when a native path was not selected.
 * `npm run test:native -- 26` runs one line.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureNodeLines, parseNodeLine, type NodeLine } from './node-lines.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const NATIVE_LINES: readonly NodeLine[] = [24, 26];
const SUITES = ['test/sign', 'test/envelope', 'test/gate'];

const wanted = process.argv.slice(2).map(parseNodeLine);
const binaries = await ensureNodeLines(wanted.length > 0 ? wanted : NATIVE_LINES);
let failed = false;
for (const [line, binary] of binaries) {
  console.log(`node${line}: vitest run ${SUITES.join(' ')}`);
  const result = spawnSync(binary, ['node_modules/vitest/vitest.mjs', 'run', ...SUITES], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`node${line}: the native-path tests failed (exit ${result.status ?? result.signal})`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
