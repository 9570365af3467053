/** examples/deno and examples/bun: the tour runs natively in each runtime against the built package. */
import { describe, expect, it } from 'vitest';
import { bin, runCommand } from './helpers.js';

const expectedSteps = ['validate', 'sign + verify', 'tampered copy', 'seal', 'open', 'open, one key wrong'];

function expectTour(output: { code: number; stdout: string; stderr: string }, runtime: string): void {
  expect(output.stderr).toBe('');
  expect(output.code).toBe(0);
  for (const backend of ['webcrypto', 'noble']) {
    expect(output.stdout).toMatch(
      new RegExp(`^mamlkit [\\d.]+ on ${runtime}/[\\d.]+, ${backend} backend$`, 'm'),
    );
  }
  const okLines = output.stdout.split('\n').filter((line) => line.startsWith('  ok '));
  expect(okLines).toHaveLength(expectedSteps.length * 2);
  for (const step of expectedSteps)
    expect(okLines.filter((line) => line.slice(7).startsWith(`${step} `))).toHaveLength(2);
  expect(output.stdout).toContain('BAD_SIGNATURE');
  expect(output.stdout).not.toContain('FAIL');
}

describe('runtime examples', { timeout: 60_000 }, () => {
  it('runs examples/deno/main.ts with deno run and only read access', async () => {
    const output = await runCommand(bin('deno'), [
      'run',
      '--no-prompt',
      '--no-lock',
      '--allow-read=.',
      '--allow-env=LOG_TOKENS,LOG_STREAM',
      'examples/deno/main.ts',
    ]);
    expectTour(output, 'Deno');
  });

  it('runs examples/bun/main.ts with bun run', async () => {
    expectTour(await runCommand(bin('bun'), ['run', 'examples/bun/main.ts']), 'Bun');
  });
});
