/**
 * Starts a real `redis-server` for tests: a free loopback port, its own temporary directory,
 * AOF persistence (`appendfsync always` by default, so an acknowledged write survives a
 * SIGKILL), and no snapshotting. A test that needs Redis fails loudly when the server cannot
 * start: `npm test` installs it (scripts/test-env.sh), so a missing server is an error, never a
 * reason to skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server; `kill` and `restart` are for fault tests. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The data directory (AOF files). */
  readonly dir: string;
  /** SIGKILL, without waiting for anything to be written. */
  readonly kill: () => Promise<void>;
  /** Starts the server again on the same port and directory (after `kill` or `stop`). */
  readonly restart: () => Promise<void>;
  /** Stops the server and deletes its directory. */
  readonly stop: () => Promise<void>;
}

/** Options of {@link startRedis}. */
export interface RedisServerOptions {
  /** `always` (default) or `everysec`. */
  readonly appendfsync?: 'always' | 'everysec';
}

const candidates = ['/usr/bin/redis-server', '/usr/sbin/redis-server', '/usr/local/bin/redis-server'];

function redisBinary(): string {
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      'redis-server is not installed: run `bash scripts/test-env.sh` (Debian: apt-get install redis-server)',
    );
  }
  return found;
}

/** A loopback TCP port nothing listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Resolves once the server answers PING; rejects after `timeoutMs`. */
async function waitForPong(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
      socket.setTimeout(500, () => socket.destroy());
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => {
        resolve(false);
      });
      socket.once('close', () => {
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`redis-server did not answer PING on port ${port} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts `redis-server` on a free loopback port with a fresh temporary directory.
 *
 * @example
 * ```ts
 * const redis = await startRedis();
 * try { … connect to redis.url … } finally { await redis.stop(); }
 * ```
 */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = redisBinary();
  const dir = await mkdtemp(join(tmpdir(), 'mamlkit-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    options.appendfsync ?? 'always',
    '--save',
    '',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
  ];
  let child: ChildProcess | undefined;
  let stderr = '';
  const launch = async (): Promise<void> => {
    const started = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    started.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    child = started;
    try {
      await waitForPong(port, started, 10_000);
    } catch (error) {
      started.kill('SIGKILL');
      throw new Error(`${(error as Error).message}${stderr === '' ? '' : `: ${stderr.trim()}`}`, {
        cause: error,
      });
    }
  };
  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };
  try {
    await launch();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    kill: () => halt('SIGKILL'),
    restart: async () => {
      await halt('SIGTERM');
      await launch();
    },
    stop: async () => {
      await halt('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
