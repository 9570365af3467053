/**
 * examples/replicas: three MCP-server-like processes share one limiter on Redis. Starts its own
 * redis-server in a temporary directory (or uses REDIS_URL), runs three replicas of 8 calls each,
 * prints who was paced and for how long, then verifies the audit log they share and prints its
 * head.
 *
 *   npx tsx examples/replicas/main.ts
 */
import { fork } from 'node:child_process';
import { createClient } from 'redis';
import { createRedisAuditStore, verifyAudit, type AuditVerification } from 'mamlkit/audit';
import { createTrustStore } from 'mamlkit/sign';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../../test/support/redis-server.js';
import { AUDIT_KEY, AUDIT_LOG, type CallReport } from './shared-setup.js';

const REPLICAS = ['replica-1', 'replica-2', 'replica-3'];
const CALLS = 8;

const server =
  process.env.REDIS_URL === undefined ? await startRedis({ appendfsync: 'everysec' }) : undefined;
const url = process.env.REDIS_URL ?? server?.url ?? '';
const replica = fileURLToPath(new URL('./replica.ts', import.meta.url));
const reports: CallReport[] = [];
/** Runs the replicas to the end, then verifies the audit log they share. */
async function runReplicas(): Promise<AuditVerification> {
  const children = REPLICAS.map((name) => {
    const child = fork(replica, [name, url, String(CALLS)], { execArgv: ['--import', 'tsx'] });
    const ready = new Promise((resolve) => child.once('message', resolve));
    const exited = new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`${name} exited with code ${String(code)}`));
      });
    });
    return { child, ready, exited };
  });
  // Every replica is connected: let them all go at once.
  await Promise.all(children.map(({ ready }) => ready));
  for (const { child } of children) {
    child.on('message', (report: CallReport) => reports.push(report));
    child.send('go');
  }
  await Promise.all(children.map(({ exited }) => exited));
  const client = await createClient({ url }).connect();
  try {
    const store = createRedisAuditStore(
      (script, keys, args) => client.eval(script, { keys: [...keys], arguments: [...args] }),
      { name: AUDIT_LOG },
    );
    return await verifyAudit(store, createTrustStore([AUDIT_KEY.publicKey]));
  } finally {
    client.destroy();
  }
}
const verification = await runReplicas().finally(() => server?.stop());

const first = Math.min(...reports.map((r) => r.sendAt));
for (const r of [...reports].sort((a, b) => a.sendAt - b.sendAt)) {
  const paced = r.delayMs > 0 ? `paced ${Math.round(r.delayMs)} ms` : 'sent at once';
  console.log(`${r.replica} call ${r.call}: ${paced} (sent at +${Math.round(r.sendAt - first)} ms)`);
}
for (const name of REPLICAS) {
  const own = reports.filter((r) => r.replica === name);
  const paced = own.filter((r) => r.delayMs > 0);
  console.log(`${name}: ${own.length} calls, ${paced.length} paced`);
}
const span = Math.max(...reports.map((r) => r.sendAt)) - first;
console.log(
  `${reports.length} calls from ${REPLICAS.length} replicas in ${Math.round(span)} ms: 10 a second after a burst of 10, as one limiter`,
);
console.log(
  `audit log: ${verification.length} entries, ${verification.valid ? 'valid' : `INVALID at entry ${String(verification.firstBad?.index)}`}, head seq ${verification.head.seq} ${verification.head.hash}`,
);
