/**
 * The token side of the example: who may call, as whom, and a way to mint a test token.
 *
 *     MAMLKIT_JWT_SECRET=… npx tsx examples/node-http/tokens.ts ci-runner
 */
import { pathToFileURL } from 'node:url';
import { SignJWT } from 'jose';

export const tokenIssuer = 'https://auth.example.com';
export const tokenAudience = 'mamlkit-execute';

/** Token subjects and the principal each acts as; documents grant `execute` to principals. */
export const principals: ReadonlyMap<string, string> = new Map([
  ['ci-runner', 'agent://mcp-server/ci'],
  ['alice', 'agent://research-team/alice'],
]);

/** The HS256 secret from MAMLKIT_JWT_SECRET (at least 32 characters). */
export function jwtSecret(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const secret = env.MAMLKIT_JWT_SECRET ?? '';
  if (secret.length < 32)
    throw new Error('set MAMLKIT_JWT_SECRET to at least 32 characters (openssl rand -hex 32)');
  return new TextEncoder().encode(secret);
}

/** A token for `subject`, valid for `expiresIn` (a jose time span such as `10m`). */
export function mintToken(
  subject: string,
  secret: Uint8Array,
  expiresIn: string | number = '10m',
): Promise<string> {
  return new SignJWT()
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(tokenIssuer)
    .setAudience(tokenAudience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await mintToken(process.argv[2] ?? 'ci-runner', jwtSecret()));
}
