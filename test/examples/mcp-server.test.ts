/**
 * examples/mcp-server: started over stdio with the MCP SDK's own client, as an MCP host would,
 * and driven through its three tools.
 */
import { readFile, rm } from 'node:fs/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { parseAuditLog, verifyAuditLog } from 'mamlkit/audit';
import { createTrustStore } from 'mamlkit/sign';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverFixtures, type ServerFixtures } from './fixtures.js';
import { bin, root } from './helpers.js';

let fixtures: ServerFixtures;
let client: Client;

beforeAll(async () => {
  fixtures = await serverFixtures();
  const transport = new StdioClientTransport({
    command: bin('tsx'),
    args: ['examples/mcp-server/server.ts'],
    cwd: root,
    env: { ...(process.env as Record<string, string>), ...fixtures.env },
    stderr: 'pipe',
  });
  client = new Client({ name: 'mamlkit-example-test', version: '1.0.0' });
  await client.connect(transport);
}, 60_000);

afterAll(async () => {
  await client.close();
  await rm(fixtures.dir, { recursive: true, force: true });
});

async function call(
  name: string,
  source: string,
): Promise<{ isError: boolean; data: Record<string, unknown> }> {
  const response = await client.callTool({ name, arguments: { source } });
  const content = response.content as { type: string; text: string }[];
  const data = JSON.parse(content[0]?.text ?? '{}') as Record<string, unknown>;
  expect(response.structuredContent).toEqual(data);
  return { isError: response.isError === true, data };
}

describe('MCP server example', { timeout: 60_000 }, () => {
  it('lists its three tools with input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['execute_maml', 'validate_maml', 'verify_maml']);
    for (const tool of tools) expect(tool.inputSchema.properties).toHaveProperty('source');
  });

  it('validate_maml: passes the sample and locates what is wrong in a broken copy', async () => {
    expect((await call('validate_maml', fixtures.unsigned)).data).toMatchObject({ valid: true });
    const broken = fixtures.unsigned.replace('## Context', '## Background');
    const { data } = await call('validate_maml', broken);
    expect(data.valid).toBe(false);
    const errors = (data.diagnostics as { severity: string; line: number; column: number }[]).filter(
      (d) => d.severity === 'error',
    );
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.line).toBeGreaterThan(1);
  });

  it('verify_maml: names the trusted signer, and reports a tampered copy', async () => {
    expect((await call('verify_maml', fixtures.signed)).data).toEqual({
      valid: true,
      signers: [fixtures.signer.publicKey.keyId],
    });
    const { data } = await call('verify_maml', fixtures.tampered);
    expect(data).toMatchObject({ valid: false, reason: { code: 'BAD_SIGNATURE' } });
  });

  it('execute_maml: runs a signed document it may execute, after recording it', async () => {
    const { isError, data } = await call('execute_maml', fixtures.signed);
    expect(isError).toBe(false);
    expect(data).toMatchObject({ allowed: true, principal: 'agent://mcp-server/local', audit: { seq: 0 } });
    expect(data.output).toContain('[echo executor: nothing is run] 1 code block(s)');
    expect(data.output).toContain('readings = [json.loads(line) for line in sys.stdin]');
  });

  it.each([
    ['an unsigned document with quantum_security_flag', 'unsigned', 'GATE_UNSIGNED'],
    [
      'item 1: an unsigned document without the flag that grants every agent (agent://*/**)',
      'selfGranted',
      'GATE_UNSIGNED',
    ],
    ['a tampered document', 'tampered', 'GATE_TAMPERED'],
    ['a document that does not grant this server execute', 'notForUs', 'GATE_PERMISSION_DENIED'],
  ] as const)('execute_maml: refuses %s', async (_, which, code) => {
    const { isError, data } = await call('execute_maml', fixtures[which]);
    expect(isError).toBe(true);
    expect(data.allowed).toBe(false);
    expect((data.reasons as { code: string }[]).map((reason) => reason.code)).toEqual([code]);
  });

  it('keeps a valid, signed audit log with one entry per allowed run', async () => {
    const entries = parseAuditLog(await readFile(fixtures.auditLog, 'utf8'));
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
      ['EXECUTE', 'agent://mcp-server/local'],
    ]);
    expect(verifyAuditLog(entries, createTrustStore([fixtures.auditor.publicKey])).valid).toBe(true);
  });
});
