import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The repository root. */
export const ROOT: string = fileURLToPath(new URL('../../', import.meta.url));
/** The built command-line tool (MAMLKIT_CLI may name another copy, for example an installed package). */
export const CLI: string = process.env['MAMLKIT_CLI'] ?? join(ROOT, 'dist/cli/main.js');

/** Builds the package once when dist/ has no CLI yet (`npm test` builds before the unit tests). */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const result = spawnSync(join(ROOT, 'node_modules/.bin/tsup'), {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
}

/** What a run of the CLI produced. */
export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `mamlkit ARGS` in `cwd`, with optional standard input and extra environment variables. */
export function mamlkit(
  cwd: string,
  args: readonly string[],
  input?: string | Uint8Array,
  env?: Readonly<Record<string, string>>,
): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    ...(input === undefined ? {} : { input }),
    ...(env === undefined ? {} : { env: { ...process.env, ...env } }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs each command in `cwd` and expects it refused as a file of the wrong kind, with exactly `message`. */
export function expectWrongKind(cwd: string, cases: readonly (readonly [readonly string[], string])[]): void {
  for (const [args, message] of cases) {
    const run = mamlkit(cwd, args);
    expect(run.stderr, args.join(' ')).toBe(`mamlkit: ERR_FILE_KIND: ${message}\n`);
    expect(run.status).toBe(2);
  }
}

/** Runs `mamlkit keygen ARGS` in `dir` once for each argument list; each run must exit 0. */
export function keygen(dir: string, ...argLists: readonly (readonly string[])[]): void {
  for (const args of argLists) {
    const run = mamlkit(dir, ['keygen', ...args]);
    expect(run.status, run.stderr).toBe(0);
  }
}

/** What `mamlkit audit append` records: the signing key, who did what, and the document. */
export interface AuditEntryArgs {
  readonly key: string;
  readonly actor: string;
  readonly action: string;
  readonly document: string;
}

/** The arguments of `mamlkit audit append LOG` for `entry`, followed by `extra`. */
export function auditAppend(log: string, entry: AuditEntryArgs, ...extra: string[]): string[] {
  const { key, actor, action, document } = entry;
  return [
    'audit',
    'append',
    log,
    '--key',
    key,
    '--actor',
    actor,
    '--action',
    action,
    '--document',
    document,
    ...extra,
  ];
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mamlkit-cli-'));
}

/** Files in a directory, sorted (to show that nothing partial or temporary was left). */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** A small MAML document that passes strict validation. */
export const VALID_MAML = `---
maml_version: "2.0.0"
id: urn:uuid:123e4567-e89b-42d3-a456-426614174000
type: workflow
origin: agent://alice
permissions:
  read: ["agent://*"]
  execute: ["gateway://local"]
created_at: "2026-01-01T00:00:00Z"
---
## Intent
Say hello.

## Context
A test document.

## Code_Blocks
\`\`\`python
print("hello")
\`\`\`
`;

/** A document missing its required sections. */
export const INVALID_MAML = `---
maml_version: "2.0.0"
id: urn:uuid:123e4567-e89b-42d3-a456-426614174000
type: workflow
---
## Content
No intent, no context.
`;
