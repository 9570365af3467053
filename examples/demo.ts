/**
 * The one-minute tour of mamlkit: `npm ci && npm run demo`.
 * Each capability has its own section in examples/demo/; this file only runs them in order.
 */
import { version } from 'mamlkit';
import { demoAudit } from './demo/audit.js';
import { demoEnvelope } from './demo/envelope.js';
import { demoGate } from './demo/gate.js';
import { demoMaml } from './demo/maml.js';
import { demoPolicy } from './demo/policy.js';
import { demoSign } from './demo/sign.js';

const sections: readonly [string, () => Promise<void> | void][] = [
  ['MAML documents (mamlkit/maml)', demoMaml],
  ['Signatures (mamlkit/sign)', demoSign],
  ['Four-key envelope (mamlkit/envelope)', demoEnvelope],
  ['Provider policies (mamlkit/policy)', demoPolicy],
  ['Audit trail (mamlkit/audit)', demoAudit],
  ['Execution gate (mamlkit/gate)', demoGate],
];

console.log(`mamlkit ${version}\n`);
for (const [title, run] of sections) {
  console.log(`== ${title}`);
  await run();
  console.log('');
}
