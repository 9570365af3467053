/** Demo section for `mamlkit/gate`: a signed file passes; the same file with one byte changed is refused. */
import { authorizeExecution } from 'mamlkit/gate';
import { createTrustStore, generateSigningKeyPair, signMaml } from 'mamlkit/sign';
import { DEMO_MAML } from './sign.js';

export function demoGate(): void {
  const { publicKey, secretKey } = generateSigningKeyPair();
  const trust = createTrustStore([publicKey]);
  const signed = signMaml(DEMO_MAML, secretKey);
  const options = { trust, principal: 'gateway://demo' };

  const ok = authorizeExecution(signed, options);
  console.log(`  signed file, gateway://demo: allowed=${String(ok.allowed)}`);

  const at = signed.indexOf('2 + 3') + 4; // the "3"
  const tampered = `${signed.slice(0, at)}4${signed.slice(at + 1)}`;
  for (const [label, source, principal] of [
    ['one byte changed (3 → 4)', tampered, 'gateway://demo'],
    ['unsigned copy', DEMO_MAML, 'gateway://demo'],
    ['signed file, agent://mallory', signed, 'agent://mallory'],
  ] as const) {
    const decision = authorizeExecution(source, { ...options, principal });
    const why = decision.reasons.map((r) => `${r.code}: ${r.message}`).join('; ');
    console.log(`  ${label}: allowed=${String(decision.allowed)} (${why})`);
  }
}
