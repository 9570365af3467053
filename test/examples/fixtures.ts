/** Documents and keys shared by the MCP server and HTTP endpoint tests. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSigningJwk, generateSigningKeyPair, signMaml, type SigningKeyPair } from 'mamlkit/sign';
import { root } from './helpers.js';

export interface ServerFixtures {
  readonly dir: string;
  readonly signer: SigningKeyPair;
  readonly auditor: SigningKeyPair;
  /** Environment for the example servers: trust the signer, sign the log as the auditor. */
  readonly env: Record<string, string>;
  readonly auditLog: string;
  readonly unsigned: string;
  /** Unsigned, without quantum_security_flag, granting itself execute for every agent. */
  readonly selfGranted: string;
  readonly signed: string;
  readonly tampered: string;
  /** Signed by the trusted key, but `execute` is granted to someone else. */
  readonly notForUs: string;
}

export async function serverFixtures(): Promise<ServerFixtures> {
  const dir = await mkdtemp(join(tmpdir(), 'mamlkit-examples-'));
  const signer = generateSigningKeyPair();
  const auditor = generateSigningKeyPair();
  const trustFile = join(dir, 'signer.jwk.pub');
  const auditKeyFile = join(dir, 'audit.jwk');
  const auditLog = join(dir, 'audit.jsonl');
  await writeFile(trustFile, JSON.stringify(exportSigningJwk(signer.publicKey)));
  await writeFile(
    auditKeyFile,
    JSON.stringify(exportSigningJwk(auditor.secretKey, { includePrivate: true })),
  );
  const unsigned = await readFile(join(root, 'examples/shared/workflow.maml.md'), 'utf8');
  const signed = signMaml(unsigned, signer.secretKey);
  return {
    dir,
    signer,
    auditor,
    env: { MAMLKIT_TRUST: trustFile, MAMLKIT_AUDIT_KEY: auditKeyFile, MAMLKIT_AUDIT_LOG: auditLog },
    auditLog,
    unsigned,
    selfGranted: unsigned
      .replace('quantum_security_flag: true\n', '')
      .replace('execute: ["agent://mcp-server/*"]', 'execute: ["agent://*/**"]'),
    signed,
    tampered: signed.replace('threshold is 42', 'threshold is 4200'),
    notForUs: signMaml(unsigned.replace('agent://mcp-server/*', 'agent://someone-else'), signer.secretKey),
  };
}
