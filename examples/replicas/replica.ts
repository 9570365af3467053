/**
 * One replica of examples/replicas: an MCP-server-like process that runs `calls` executions of a
 * workflow, each paced by the limiter it shares with the other replicas through Redis and recorded
 * in the audit log they share there.
 * `tsx replica.ts <name> <redis url> <calls>`; it reports each call to its parent and exits.
 */
import { createClient } from 'redis';
import { appendAudit, auditSubject, createRedisAuditStore } from 'mamlkit/audit';
import { reserveShared, type RedisEval } from 'mamlkit/policy';
import { AUDIT_KEY, AUDIT_LOG, LIMITER_KEY, LIMITS, WORKFLOW, type CallReport } from './shared-setup.js';

const [name = 'replica', url = '', calls = '0'] = process.argv.slice(2);
const client = await createClient({ url }).connect();
// The node-redis adapter (ioredis: `(script, keys, args) => redis.eval(script, keys.length, ...keys, ...args)`).
const evalScript: RedisEval = (script, keys, args) =>
  client.eval(script, { keys: [...keys], arguments: [...args] });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const audit = createRedisAuditStore(evalScript, { name: AUDIT_LOG });

// Start together: tell the parent this replica is connected, wait for its go.
await new Promise((resolve) => {
  process.once('message', resolve);
  process.send?.('ready');
});

for (let call = 1; call <= Number(calls); call++) {
  // One provider call of the workflow: 1 request, about 800 input tokens.
  const reservation = await reserveShared(evalScript, LIMITER_KEY, LIMITS, { inputTokens: 800 });
  if (!reservation.ok) throw new Error(`${name}: ${reservation.reason}`);
  await sleep(reservation.delayMs);
  // … the provider call goes here, then `syncShared(evalScript, LIMITER_KEY, LIMITS, parseRateLimitHeaders(…))`.

  // Record the execution in the audit log all replicas share: compare-and-append on its head,
  // re-created on the new head when another replica appended first.
  const entry = await appendAudit(
    audit,
    {
      actor: `gateway://${name}`,
      action: 'EXECUTE',
      subject: auditSubject(WORKFLOW.id, WORKFLOW.text),
      at: new Date(),
    },
    AUDIT_KEY.secretKey,
    { beforeRetry: () => sleep(Math.random() * 5) },
  );

  const report: CallReport = {
    replica: name,
    call,
    delayMs: reservation.delayMs,
    sendAt: reservation.at + reservation.delayMs,
    auditSeq: entry.seq,
  };
  process.send?.(report);
}
client.destroy();
process.disconnect();
