/** examples/replicas: three processes share one limiter on a real redis-server and are paced as one. */
import { describe, expect, it } from 'vitest';
import { bin, runCommand } from './helpers.js';

describe('replicas example', { timeout: 90_000 }, () => {
  it('issue 18, example: three replicas on one Redis limiter are paced as one client of 10 requests a second, and share one valid audit log', async () => {
    const output = await runCommand(bin('tsx'), ['examples/replicas/main.ts'], 80_000);
    expect(output.stderr).toBe('');
    expect(output.code).toBe(0);
    const calls = [
      ...output.stdout.matchAll(
        /^(replica-\d) call \d+: (sent at once|paced (\d+) ms) \(sent at \+(\d+) ms\)$/gm,
      ),
    ];
    expect(calls).toHaveLength(24);
    // A burst of 10, then one every 100 ms: the 24th call goes about 1.4 s after the first.
    const sentAt = calls.map((call) => Number(call[4]));
    for (let i = 10; i < sentAt.length; i++) {
      expect(sentAt[i] ?? 0).toBeGreaterThanOrEqual((i - 9) * 100 - 1);
    }
    expect(
      new Set(calls.filter((call) => call[3] !== undefined).map((call) => call[1])).size,
    ).toBeGreaterThan(1);
    expect(output.stdout).toMatch(/^replica-1: 8 calls, \d+ paced$/m);
    expect(output.stdout).toMatch(/^24 calls from 3 replicas in \d+ ms/m);
    // One chain in the shared audit log: every call recorded once, verified.
    expect(output.stdout).toMatch(/^audit log: 24 entries, valid, head seq 23 \S+$/m);
  });
});
