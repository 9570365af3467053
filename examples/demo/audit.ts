/** Demo section for `mamlkit/audit`: a signed, hash-chained log of one document's life, then a forgery caught. */
import {
  auditHead,
  createAuditEntry,
  mamlSubject,
  parseAuditLog,
  recordInHistory,
  serializeAuditLog,
  verifyAuditLog,
  type AuditEntry,
} from 'mamlkit/audit';
import { parseMaml } from 'mamlkit/maml';
import { createTrustStore, generateSigningKeyPair } from 'mamlkit/sign';
import { DEMO_MAML } from './sign.js';

export function demoAudit(): void {
  const { publicKey, secretKey } = generateSigningKeyPair({ algorithm: 'ML-DSA-65' });
  const trust = createTrustStore([publicKey]);
  let document = parseMaml(DEMO_MAML);
  const steps = [
    ['agent://demo', 'CREATE'],
    ['gateway://demo', 'VERIFY'],
    ['agent://vault', 'SEAL'],
    ['gateway://demo', 'EXECUTE'],
  ] as const;
  const start = Date.now();
  const log: AuditEntry[] = [];
  steps.forEach(([actor, action], i) => {
    const at = new Date(start + i * 1000);
    const entry = createAuditEntry(
      log.at(-1) ?? null,
      { actor, action, subject: mamlSubject(document), at },
      secretKey,
    );
    log.push(entry);
    document = recordInHistory(document, entry);
  });
  const text = serializeAuditLog(log);
  const head = auditHead(log);
  console.log(
    `  ${log.length} entries (${publicKey.algorithm}), ${text.length} bytes of JSON Lines; head seq ${head.seq}, ${head.hash.slice(0, 23)}…`,
  );
  console.log(`  last History line: ${document.source.trimEnd().split('\n').at(-1)?.slice(0, 72) ?? ''}…`);
  console.log(
    `  verify: ${verifyAuditLog(parseAuditLog(text), trust, { expectedHead: head }).valid ? 'valid' : 'INVALID'}`,
  );

  const forged = text.replace('"actor":"agent://vault"', '"actor":"agent://nobody"');
  const edited = verifyAuditLog(parseAuditLog(forged), trust).firstBad;
  console.log(
    `  SEAL entry's actor edited: ${edited?.reason ?? 'not caught'} at entry ${String(edited?.index)}`,
  );
  const cut = verifyAuditLog(log.slice(0, 3), trust, { expectedHead: head }).firstBad;
  console.log(
    `  EXECUTE entry removed, head known: ${cut?.reason ?? 'not caught'} at entry ${String(cut?.index)}`,
  );
}
