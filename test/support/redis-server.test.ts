import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRedis } from './redis-server.js';

/** Sends one inline command and returns the raw reply. */
async function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(`${line}\r\n`));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString());
    });
    socket.once('error', reject);
  });
}

describe('startRedis', () => {
  it('starts a real server with AOF on, keeps an acknowledged write across SIGKILL, and stops', async () => {
    const redis = await startRedis();
    try {
      expect(await command(redis.port, 'CONFIG GET appendfsync')).toContain('always');
      expect(await command(redis.port, 'SET k durable')).toBe('+OK\r\n');
      await redis.kill();
      await redis.restart();
      expect(await command(redis.port, 'GET k')).toBe('$7\r\ndurable\r\n');
    } finally {
      await redis.stop();
    }
  });
});
