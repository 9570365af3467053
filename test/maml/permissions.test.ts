import { describe, expect, it } from 'vitest';
import { checkPermission, isPermissionPattern, parseMaml } from '../../src/maml/index.js';

const doc = parseMaml(
  '---\npermissions:\n  read: ["agent://*", "specific_db://*"]\n  write: ["agent://alice", "dropbox://amoeba2048/results/*"]\n  execute: "gateway://prod-*"\n---\n',
);

describe('checkPermission', () => {
  it.each([
    ['read', 'agent://anyone', true, 'agent://*'],
    ['read', 'AGENT://anyone', true, 'agent://*'],
    ['read', 'specific_db://table/row', true, 'specific_db://*'],
    ['read', 'gateway://x', false, undefined],
    ['read', 'agentx://a', false, undefined],
    ['write', 'agent://alice', true, 'agent://alice'],
    ['write', 'agent://alice2', false, undefined],
    ['write', 'dropbox://amoeba2048/results/a/b', true, 'dropbox://amoeba2048/results/*'],
    ['write', 'dropbox://amoeba2048/other', false, undefined],
    ['execute', 'gateway://prod-eu', true, 'gateway://prod-*'],
    ['execute', 'gateway://staging', false, undefined],
  ] as const)('%s by %s → %s', (action, principal, allowed, matched) => {
    const decision = checkPermission(doc, action, principal);
    expect(decision.allowed).toBe(allowed);
    expect(decision.matched).toBe(matched);
    expect(decision.reason.length).toBeGreaterThan(0);
  });

  it('denies by default and explains why', () => {
    expect(checkPermission(parseMaml('# no front matter\n'), 'read', 'agent://a')).toEqual({
      allowed: false,
      reason: 'the document grants no read permission',
    });
    expect(checkPermission(doc, 'read', 'not a uri').allowed).toBe(false);
    expect(checkPermission(doc, 'read', 'agent://*').allowed).toBe(false);
    expect(checkPermission(doc, 'delete' as 'read', 'agent://a').allowed).toBe(false);
  });

  it('never matches malformed patterns such as bare names', () => {
    const bare = parseMaml('---\npermissions:\n  execute: admin\n  read: ["*", "*://x"]\n---\n');
    expect(checkPermission(bare, 'execute', 'admin:x').allowed).toBe(false);
    expect(checkPermission(bare, 'read', 'agent://x').allowed).toBe(false);
  });

  it('stays fast on adversarial wildcards', () => {
    const pattern = `agent://${'*a'.repeat(200)}b`;
    const adversarial = parseMaml(`---\npermissions:\n  read: ["${pattern}"]\n---\n`);
    expect(checkPermission(adversarial, 'read', `agent://${'a'.repeat(2000)}`).allowed).toBe(false);
  });
});

describe('isPermissionPattern', () => {
  it.each([
    ['agent://*', true],
    ['urn:uuid:*', true],
    ['gateway://prod-*', true],
    ['admin', false],
    ['*://x', false],
    ['agent:// x', false],
    ['agent:', false],
    ['', false],
  ] as const)('%s → %s', (pattern, ok) => {
    expect(isPermissionPattern(pattern)).toBe(ok);
  });
});
