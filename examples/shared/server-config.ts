/**
 * Configuration of the example servers, from environment variables:
 *
 * - `MAMLKIT_TRUST`: public JWK files of the signers to trust, comma-separated
 *   (`mamlkit keygen --out .keys/signer.jwk` writes `.keys/signer.jwk.pub`; `.keys/` is ignored
 *   by git).
 * - `MAMLKIT_AUDIT_KEY`: the server's secret JWK, which signs the audit entries; without it the
 *   server makes a new key at every start, whose public part is never shown, so nobody can
 *   verify the log afterwards (fine for a demo, not for a real log).
 * - `MAMLKIT_AUDIT_LOG`: a JSON Lines file the audit entries are appended to (the chain
 *   continues from its last entry); without it they are kept in memory.
 */
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { auditHead, parseAuditLog, serializeAuditLog, type AuditEntry, type AuditHead } from 'mamlkit/audit';
import {
  createTrustStore,
  generateSigningKeyPair,
  importSigningPublicJwk,
  importSigningSecretJwk,
  type SigningSecretKey,
  type TrustStore,
} from 'mamlkit/sign';

export interface ServerConfig {
  readonly trust: TrustStore;
  readonly auditKey: SigningSecretKey;
  readonly head: AuditHead | null;
  readonly record: (entry: AuditEntry) => Promise<void>;
  /** Entries appended since the start (all of them when there is no log file). */
  readonly appended: AuditEntry[];
}

export async function loadServerConfig(env: NodeJS.ProcessEnv = process.env): Promise<ServerConfig> {
  const trustFiles = (env.MAMLKIT_TRUST ?? '').split(',').filter((path) => path !== '');
  const keys = await Promise.all(
    trustFiles.map(async (path) => importSigningPublicJwk(await readFile(path, 'utf8'))),
  );
  const trust = createTrustStore(keys);
  const auditKey =
    env.MAMLKIT_AUDIT_KEY === undefined
      ? generateSigningKeyPair().secretKey
      : importSigningSecretJwk(await readFile(env.MAMLKIT_AUDIT_KEY, 'utf8'));
  const logFile = env.MAMLKIT_AUDIT_LOG;
  const existing =
    logFile !== undefined && existsSync(logFile) ? parseAuditLog(await readFile(logFile, 'utf8')) : [];
  const appended: AuditEntry[] = [];
  return {
    trust,
    auditKey,
    head: existing.length === 0 ? null : auditHead(existing),
    appended,
    record: async (entry) => {
      if (logFile !== undefined) await appendFile(logFile, serializeAuditLog([entry]));
      appended.push(entry);
    },
  };
}
