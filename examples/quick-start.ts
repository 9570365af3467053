import { readFile } from 'node:fs/promises';
import { executionAuditEntry, verifyAuditLog } from 'mamlkit/audit';
import { generateKeyring, open, seal } from 'mamlkit/envelope';
import { authorizeExecution } from 'mamlkit/gate';
import { isMamlValid, parseMaml, validateMaml } from 'mamlkit/maml';
import { planRetry, preflight } from 'mamlkit/policy';
import { createTrustStore, generateSigningKeyPair, signMaml, verifyMaml } from 'mamlkit/sign';

const source = await readFile('examples/shared/workflow.maml.md', 'utf8');

// 1. Parse and validate strictly: every diagnostic has a code, a line and a column.
const diagnostics = validateMaml(parseMaml(source), { level: 'strict' });
console.log('valid:', isMamlValid(diagnostics));

// 2. Sign with ML-DSA-87 and verify against the keys you trust.
const { publicKey, secretKey } = generateSigningKeyPair();
const signed = signMaml(source, secretKey);
const trust = createTrustStore([publicKey]);
console.log('signature valid:', verifyMaml(signed, trust).valid);

// 3. Ask the gate before running anything: a trusted signature (always required unless you
//    pass signatures: 'optional') and the `execute` permission for the caller.
const principal = 'agent://mcp-server/ci';
const decision = authorizeExecution(signed, { trust, principal });
console.log('signed copy may run:', decision.allowed);
const refused = authorizeExecution(source, { trust, principal });
console.log('unsigned copy refused:', refused.reasons.map((reason) => reason.code).join(', '));

// 4. Record the run in a hash-chained, signed audit log.
if (decision.document !== undefined) {
  const entry = executionAuditEntry(
    null,
    { document: decision.document, principal, at: new Date() },
    secretKey,
  );
  console.log('audit log valid:', verifyAuditLog([entry], trust).valid);
}

// 5. Seal under four independent 512-bit layer keys: all four are needed to open.
const keyring = generateKeyring();
const envelope = await seal(signed, keyring);
console.log('envelope opens:', new TextDecoder().decode(await open(envelope, keyring)) === signed);

// 6. Budget a provider call before sending it, and plan the retry of a 429.
const check = preflight({
  provider: 'anthropic',
  endpoint: 'messages',
  model: 'claude-sonnet-5-5',
  text: signed,
  maxTokens: 'concise',
});
console.log('preflight ok:', check.ok, 'max_tokens:', check.maxTokens);
const plan = planRetry({
  provider: 'openai',
  status: 429,
  headers: { 'retry-after': '2' },
  body: { error: { type: 'requests', code: 'rate_limit_exceeded' } },
  attempt: 1,
  now: Date.now(),
});
console.log('retry:', plan.retry, 'in', plan.delayMs, 'ms');
