/**
 * A writer process for the audit load and fault tests: appends COUNT entries to a file log or a
 * Redis store with `appendAudit`, printing one JSON line per acknowledged entry. An append that
 * fails for a reason other than a bad entry (a lost connection, a contended head) is tried again.
 *
 * Usage: node --import tsx test/support/audit-writer.ts file|redis PATH|URL WRITER COUNT KEY.jwk [NAME]
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { appendAudit, AuditError, createRedisAuditStore, type AuditStore } from 'mamlkit/audit';
import { importSigningSecretJwk } from 'mamlkit/sign';
import { fileAuditStore } from '../../src/cli/audit-file-store.js';

const [mode, target = '', writer = '0', count = '0', keyPath = '', name = 'load'] = process.argv.slice(2);
const secretKey = importSigningSecretJwk(JSON.parse(readFileSync(keyPath, 'utf8')) as never);
const subject = { id: 'urn:example:load', digest: `sha256:${'ab'.repeat(32)}` };

async function openStore(): Promise<{ store: AuditStore; close: () => Promise<void> }> {
  if (mode === 'file') return { store: fileAuditStore(target), close: () => Promise.resolve() };
  const client = createClient({ url: target, socket: { reconnectStrategy: () => 50 } });
  client.on('error', () => undefined);
  await client.connect();
  const store = createRedisAuditStore(
    (script, keys, args) => client.eval(script, { keys: [...keys], arguments: [...args] }),
    { name },
  );
  return {
    store,
    close: async () => {
      await client.quit();
    },
  };
}

const { store, close } = await openStore();
for (let i = 0; i < Number(count); i++) {
  const input = {
    actor: `agent://writer-${writer}`,
    action: 'EXECUTE',
    subject,
    at: new Date(),
    details: { writer: Number(writer), i },
  };
  for (;;) {
    try {
      const entry = await appendAudit(store, input, secretKey, {
        clock: () => new Date(),
        maxAttempts: 1000,
        beforeRetry: (attempt) => sleep(Math.random() * Math.min(4 * attempt, 40)),
      });
      process.stdout.write(
        `${JSON.stringify({ writer: Number(writer), i, seq: entry.seq, hash: entry.hash })}\n`,
      );
      break;
    } catch (error) {
      if (error instanceof AuditError && error.code !== 'ERR_AUDIT_CONTENDED') throw error;
      await sleep(50);
    }
  }
}
await close();
