/**
 * A Model Context Protocol server (official TypeScript SDK, stdio transport) that validates,
 * verifies and executes MAML documents, with mamlkit doing the checks:
 *
 * - `validate_maml`: strict validation, with line:column diagnostics;
 * - `verify_maml`: the embedded ML-DSA signatures against the trusted keys;
 * - `execute_maml`: `authorizeExecution` (a trusted signature, always: the gate's default;
 *   `execute` permission for this server's principal), then a signed audit entry, and only
 *   then the (stand-in) executor.
 *
 * Run it from the repository root after `npm run build` and making the keys as README.md shows
 * (configuration in ../shared/server-config.ts):
 *
 *     MAMLKIT_TRUST=.keys/signer.jwk.pub MAMLKIT_AUDIT_KEY=.keys/audit.jwk MAMLKIT_AUDIT_LOG=.out/audit.jsonl \
 *       npx tsx examples/mcp-server/server.ts
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isMamlValid, parseMaml, validateMaml, version } from 'mamlkit/maml';
import { verifyMaml } from 'mamlkit/sign';
import { z } from 'zod';
import { createExecutionService } from '../shared/execution-service.js';
import { loadServerConfig } from '../shared/server-config.js';

/** Who this server is when it asks the gate; documents grant it `execute` by this URI. */
const principal = process.env.MAMLKIT_PRINCIPAL ?? 'agent://mcp-server/local';
const config = await loadServerConfig();
const service = createExecutionService(config);

/** A tool result carrying the same data as text (for the model) and as structured content. */
function result(data: Record<string, unknown>, isError = false): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(data, null, 2) }],
    structuredContent: data,
    isError,
  };
}

const source = { source: z.string().describe('The MAML document, front matter and Markdown') };
const server = new McpServer({ name: 'mamlkit-example', version });

server.registerTool(
  'validate_maml',
  {
    title: 'Validate MAML',
    description: 'Strict validation of a MAML document, with line:column diagnostics.',
    inputSchema: source,
  },
  ({ source: text }) => {
    const diagnostics = validateMaml(parseMaml(text), { level: 'strict' });
    const findings = diagnostics.map(({ code, severity, message, range, hint }) => ({
      code,
      severity,
      message,
      line: range.start.line,
      column: range.start.column,
      ...(hint === undefined ? {} : { hint }),
    }));
    return result({ valid: isMamlValid(diagnostics), diagnostics: findings });
  },
);

server.registerTool(
  'verify_maml',
  {
    title: 'Verify MAML signatures',
    description: 'Checks the embedded ML-DSA signatures against the trusted keys.',
    inputSchema: source,
  },
  ({ source: text }) => {
    const { valid, signers, reason } = verifyMaml(text, config.trust);
    return result({
      valid,
      signers,
      ...(reason === undefined ? {} : { reason: { code: reason.code, message: reason.message } }),
    });
  },
);

server.registerTool(
  'execute_maml',
  {
    title: 'Execute MAML',
    description:
      'Runs a MAML document if the execution gate allows it; every run is recorded in a signed audit log first.',
    inputSchema: source,
  },
  async ({ source: text }) => {
    const outcome = await service.execute(text, principal);
    if (!outcome.allowed) return result({ allowed: false, principal, reasons: outcome.reasons }, true);
    const { seq, hash } = outcome.audit;
    return result({ allowed: true, principal, audit: { seq, hash }, output: outcome.output });
  },
);

await server.connect(new StdioServerTransport());
