/**
 * A plain `node:http` handler for `POST /execute`: the caller's bearer JWT is verified with
 * `jose`, its subject is mapped to a principal, and the MAML document in the body goes through
 * the execution service (gate, audit entry, then the stand-in executor).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { ExecutionService } from '../shared/execution-service.js';

export interface ExecuteHandlerOptions {
  readonly service: ExecutionService;
  /** The HMAC secret of the tokens (HS256). With an identity provider, pass its JWKS instead (`createRemoteJWKSet`). */
  readonly secret: Uint8Array;
  readonly issuer: string;
  readonly audience: string;
  /** The principal a verified token acts as, or `undefined` when its subject is not known here. */
  readonly principalOf: (claims: JWTPayload) => string | undefined;
  /** Largest accepted document, in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.error));
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit)
    throw new HttpError(413, { error: 'too_large', message: `documents are limited to ${limit} bytes` });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw new HttpError(413, { error: 'too_large', message: `documents are limited to ${limit} bytes` });
    chunks.push(chunk);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, { error: 'bad_request', message: 'the document is not valid UTF-8' });
  }
}

async function authenticate(request: IncomingMessage, options: ExecuteHandlerOptions): Promise<string> {
  const unauthorized = (message: string): HttpError =>
    new HttpError(
      401,
      { error: 'invalid_token', message },
      { 'www-authenticate': `Bearer error="invalid_token"` },
    );
  const match = /^Bearer ([\w.~+/-]+=*)$/.exec(request.headers.authorization ?? '');
  if (match?.[1] === undefined) throw unauthorized('send Authorization: Bearer <JWT>');
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(match[1], options.secret, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['HS256'],
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) throw unauthorized(`${error.code}: ${error.message}`);
    throw error;
  }
  const principal = options.principalOf(claims);
  if (principal === undefined) {
    throw new HttpError(403, {
      error: 'unknown_subject',
      message: `no principal for subject ${claims.sub ?? '(none)'}`,
    });
  }
  return principal;
}

export function createExecuteHandler(options: ExecuteHandlerOptions): RequestListener {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/execute') {
      throw new HttpError(404, { error: 'not_found' });
    }
    if (request.method !== 'POST')
      throw new HttpError(405, { error: 'method_not_allowed' }, { allow: 'POST' });
    const principal = await authenticate(request, options);
    const source = await readBody(request, limit);
    const outcome = await options.service.execute(source, principal);
    if (!outcome.allowed) {
      send(response, 403, { allowed: false, principal, reasons: outcome.reasons });
      return;
    }
    const { seq, hash } = outcome.audit;
    send(response, 200, { allowed: true, principal, audit: { seq, hash }, output: outcome.output });
  }
  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) {
        request.resume();
        send(response, error.status, error.body, error.headers);
        return;
      }
      console.error(error);
      send(response, 500, { error: 'internal' });
    });
  };
}
