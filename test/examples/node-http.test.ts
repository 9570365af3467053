/**
 * examples/node-http: real HTTP requests on 127.0.0.1 against the `/execute` handler, with
 * tokens minted by jose, and the runnable server started as its README says.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { rm } from 'node:fs/promises';
import type { AuditEntry } from 'mamlkit/audit';
import { createTrustStore } from 'mamlkit/sign';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecuteHandler } from '../../examples/node-http/handler.js';
import { mintToken, principals, tokenAudience, tokenIssuer } from '../../examples/node-http/tokens.js';
import { createExecutionService } from '../../examples/shared/execution-service.js';
import { serverFixtures, type ServerFixtures } from './fixtures.js';
import { bin, listen, root } from './helpers.js';

const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef-test-only');
let fixtures: ServerFixtures;
let server: Server;
let origin: string;
const audit: AuditEntry[] = [];

beforeAll(async () => {
  fixtures = await serverFixtures();
  const service = createExecutionService({
    trust: createTrustStore([fixtures.signer.publicKey]),
    auditKey: fixtures.auditor.secretKey,
    record: (entry) => {
      audit.push(entry);
    },
  });
  const handler = createExecuteHandler({
    service,
    secret,
    issuer: tokenIssuer,
    audience: tokenAudience,
    principalOf: (claims) => (claims.sub === undefined ? undefined : principals.get(claims.sub)),
    maxBodyBytes: 64 * 1024,
  });
  server = createServer(handler);
  origin = await listen(server);
});

afterAll(async () => {
  server.close();
  await rm(fixtures.dir, { recursive: true, force: true });
});

async function execute(
  body: string,
  token: string | undefined,
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${origin}/execute`, {
    method: 'POST',
    headers: {
      'content-type': 'text/markdown',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

const reasonCodes = (json: Record<string, unknown>): string[] =>
  (json.reasons as { code: string }[]).map((r) => r.code);

describe('node:http /execute example', { timeout: 60_000 }, () => {
  it('200: a valid token whose principal may execute a signed document', async () => {
    const { status, json } = await execute(fixtures.signed, await mintToken('ci-runner', secret));
    expect(status).toBe(200);
    expect(json).toMatchObject({ allowed: true, principal: 'agent://mcp-server/ci', audit: { seq: 0 } });
    expect(json.output).toContain('[echo executor: nothing is run]');
    expect(audit.map((entry) => entry.actor)).toEqual(['agent://mcp-server/ci']);
  });

  it('401: no token, a token signed with another secret, an expired token', async () => {
    const other = new TextEncoder().encode('another-secret-another-secret-another');
    const expired = await mintToken('ci-runner', secret, Math.floor(Date.now() / 1000) - 60);
    for (const [token, code] of [
      [undefined, undefined],
      [await mintToken('ci-runner', other), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
      [expired, 'ERR_JWT_EXPIRED'],
    ] as const) {
      const { status, headers, json } = await execute(fixtures.signed, token);
      expect(status).toBe(401);
      expect(headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(json.error).toBe('invalid_token');
      if (code !== undefined) expect(json.message).toContain(code);
    }
  });

  it('403: a principal the document does not grant execute, and an unknown subject', async () => {
    const alice = await execute(fixtures.signed, await mintToken('alice', secret));
    expect(alice.status).toBe(403);
    expect(alice.json.principal).toBe('agent://research-team/alice');
    expect(reasonCodes(alice.json)).toEqual(['GATE_PERMISSION_DENIED']);
    const mallory = await execute(fixtures.signed, await mintToken('mallory', secret));
    expect(mallory).toMatchObject({ status: 403, json: { error: 'unknown_subject' } });
  });

  it('403: an unsigned document with or without quantum_security_flag (item 1), and a tampered one', async () => {
    const token = await mintToken('ci-runner', secret);
    const unsigned = await execute(fixtures.unsigned, token);
    expect(unsigned.status).toBe(403);
    expect(reasonCodes(unsigned.json)).toEqual(['GATE_UNSIGNED']);
    const selfGranted = await execute(fixtures.selfGranted, token);
    expect(selfGranted.status).toBe(403);
    expect(reasonCodes(selfGranted.json)).toEqual(['GATE_UNSIGNED']);
    const tampered = await execute(fixtures.tampered, token);
    expect(tampered.status).toBe(403);
    expect(reasonCodes(tampered.json)).toEqual(['GATE_TAMPERED']);
  });

  it('413 for a document over the limit, 405 and 404 for other requests; nothing more was audited', async () => {
    const token = await mintToken('ci-runner', secret);
    expect((await execute(fixtures.signed + ' '.repeat(70_000), token)).status).toBe(413);
    expect((await fetch(`${origin}/execute`)).status).toBe(405);
    expect((await fetch(`${origin}/other`, { method: 'POST' })).status).toBe(404);
    expect(audit).toHaveLength(1);
  });

  it('runs as the README says: server.ts on a port, called with a token minted from the same secret', async () => {
    const env = {
      ...process.env,
      ...fixtures.env,
      MAMLKIT_JWT_SECRET: new TextDecoder().decode(secret),
      PORT: '0',
    };
    const child = spawn(bin('tsx'), ['examples/node-http/server.ts'], { cwd: root, env });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const url = /http:\/\/127\.0\.0\.1:\d+\/execute/.exec(line.toString())?.[0] ?? '';
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${await mintToken('ci-runner', secret)}` },
        body: fixtures.signed,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ allowed: true, audit: { seq: 0 } });
    } finally {
      child.kill();
    }
  });
});
