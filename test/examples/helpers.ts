/** Shared pieces of the example tests: the repository root, running a command, serving a folder. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root: string = fileURLToPath(new URL('../../', import.meta.url));
export const bin = (name: string): string => join(root, 'node_modules/.bin', name);
export const artifacts: string = join(root, 'test/examples/.artifacts');

/** Runs a command from the repository root and resolves with its output, whatever the exit code. */
export function runCommand(
  file: string,
  args: readonly string[],
  timeoutMs = 60_000,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: root, timeout: timeoutMs, env: { ...env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A server listening on 127.0.0.1 with a free port. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no port');
  return `http://127.0.0.1:${address.port}`;
}

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.md': 'text/markdown',
};

/** Serves the files of `dir` (a built static site) on 127.0.0.1. */
export async function serveDirectory(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    // A URL's pathname has its dot segments resolved: it cannot climb out of `dir`.
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (bytes) =>
        response
          .writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
          .end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  return { server, origin: await listen(server) };
}
