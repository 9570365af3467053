/**
 * `POST /execute` on 127.0.0.1:8787 with plain `node:http`. From the repository root, after
 * `npm run build` and making the keys as README.md shows:
 *
 *     MAMLKIT_JWT_SECRET=$(openssl rand -hex 32) MAMLKIT_TRUST=.keys/signer.jwk.pub \
 *       MAMLKIT_AUDIT_KEY=.keys/audit.jwk MAMLKIT_AUDIT_LOG=.out/audit.jsonl npx tsx examples/node-http/server.ts
 */
import { createServer } from 'node:http';
import { createExecutionService } from '../shared/execution-service.js';
import { loadServerConfig } from '../shared/server-config.js';
import { createExecuteHandler } from './handler.js';
import { jwtSecret, principals, tokenAudience, tokenIssuer } from './tokens.js';

const config = await loadServerConfig();
const handler = createExecuteHandler({
  service: createExecutionService(config),
  secret: jwtSecret(),
  issuer: tokenIssuer,
  audience: tokenAudience,
  principalOf: (claims) => (claims.sub === undefined ? undefined : principals.get(claims.sub)),
});

const server = createServer(handler).listen(Number(process.env.PORT ?? 8787), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : '?';
  console.log(`POST http://127.0.0.1:${port}/execute (Authorization: Bearer <JWT>, body: a MAML document)`);
});
