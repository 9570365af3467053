import { describe, expect, it } from 'vitest';
import { checkPermission, isPermissionPattern, parseMaml, validateMaml } from '../../src/maml/index.js';
import { documentWithPermissions, granting, permittedSource } from './permission-fixtures.js';

const doc = documentWithPermissions([
  'read: ["agent://*", "specific_db://*/**"]',
  'write: ["agent://alice", "dropbox://amoeba2048/results/**"]',
  'execute: ["gateway://prod-*"]',
]);

const allows = (patterns: readonly string[], principal: string): boolean =>
  checkPermission(granting('execute', patterns), 'execute', principal).allowed;

describe('checkPermission', () => {
  it.each([
    ['read', 'agent://anyone', true, 'agent://*'],
    ['read', 'AGENT://Anyone', true, 'agent://*'],
    ['read', 'specific_db://table/row', true, 'specific_db://*/**'],
    ['read', 'specific_db://table', true, 'specific_db://*/**'],
    ['read', 'gateway://x', false, undefined],
    ['read', 'agentx://a', false, undefined],
    ['read', 'agent://mcp-server/ci', false, undefined],
    ['write', 'agent://alice', true, 'agent://alice'],
    ['write', 'agent://alice2', false, undefined],
    ['write', 'dropbox://amoeba2048/results/a/b', true, 'dropbox://amoeba2048/results/**'],
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
    expect(checkPermission(documentWithPermissions(['read: ["agent://*"]']), 'write', 'agent://a')).toEqual({
      allowed: false,
      reason: 'the document grants no write permission',
    });
    expect(checkPermission(doc, 'read', 'not a uri').allowed).toBe(false);
    expect(checkPermission(doc, 'read', 'agent://*').reason).toMatch(/wildcard/);
    expect(checkPermission(doc, 'delete' as 'read', 'agent://a').allowed).toBe(false);
    expect(checkPermission(doc, 'read', 42 as unknown as string).allowed).toBe(false);
  });

  it('compares scheme and host in lower case, the path exactly', () => {
    expect(allows(['Agent://Alice/Jobs'], 'agent://ALICE/Jobs')).toBe(true);
    expect(allows(['agent://alice/jobs'], 'agent://alice/Jobs')).toBe(false);
    expect(allows(['agent://alice/a%c3%a9'], 'agent://alice/a%C3%A9')).toBe(true);
  });

  it('reads ports, queries and empty authorities exactly', () => {
    expect(allows(['https://api.example.com:8443/*'], 'https://api.example.com:8443/v1')).toBe(true);
    expect(allows(['https://api.example.com/*'], 'https://api.example.com:8443/v1')).toBe(false);
    expect(allows(['https://api.example.com/run?mode=ci'], 'https://api.example.com/run?mode=ci')).toBe(true);
    expect(allows(['https://api.example.com/run'], 'https://api.example.com/run?mode=ci')).toBe(false);
    expect(allows(['fs:///srv/*'], 'fs:///srv/data')).toBe(true);
    expect(allows(['fs://*/srv/*'], 'fs:///srv/data')).toBe(false);
    expect(allows(['urn:uuid:*'], 'urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f')).toBe(true);
    expect(allows(['urn:uuid:*'], 'urn:isbn:0451450523')).toBe(false);
  });

  it('matches ** against any number of whole segments, zero included', () => {
    const pattern = ['fs:///srv/**/logs/*'];
    expect(allows(pattern, 'fs:///srv/logs/a')).toBe(true);
    expect(allows(pattern, 'fs:///srv/x/y/logs/a')).toBe(true);
    expect(allows(pattern, 'fs:///srv/x/y/logs')).toBe(false);
    expect(allows(['agent://*/**'], 'agent://mcp-server')).toBe(true);
    expect(allows(['agent://*/**'], 'agent://mcp-server/ci/eu')).toBe(true);
  });

  it('never matches malformed patterns such as bare names', () => {
    const bare = parseMaml(permittedSource(['execute: admin', 'read: ["*", "*://x"]']));
    expect(checkPermission(bare, 'execute', 'admin:x').allowed).toBe(false);
    expect(checkPermission(bare, 'read', 'agent://x').allowed).toBe(false);
  });

  it('stays fast on adversarial wildcards', () => {
    const pattern = `agent://a/${'**/a/'.repeat(150)}b`;
    expect(allows([pattern], `agent://a/${'a/'.repeat(900)}a`)).toBe(false);
  });
});

describe('item 7: permission patterns are URIs, not string globs', () => {
  it('item 7: fs:///srv/data/* does not admit ../../etc/passwd', () => {
    expect(allows(['fs:///srv/data/*'], 'fs:///srv/data/../../etc/passwd')).toBe(false);
    expect(allows(['fs:///srv/data/*'], 'fs:///srv/data/./x')).toBe(false);
  });

  it.each(['%2e%2e', '%2E%2E', '.%2e', '%2E.', '%2e'])(
    'item 7: fs:///srv/data/* does not admit the percent-encoded dot segment %s',
    (dots) => {
      expect(allows(['fs:///srv/data/*'], `fs:///srv/data/${dots}/${dots}/etc/passwd`)).toBe(false);
    },
  );

  it.each(['%2f', '%2F', '%5c', '%5C'])('item 7: an encoded separator (%s) is refused', (separator) => {
    const decision = checkPermission(
      granting('execute', ['fs:///srv/data/*']),
      'execute',
      `fs:///srv/data/..${separator}x`,
    );
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toMatch(/refused/);
  });

  it('item 7: a raw backslash is refused', () => {
    expect(allows(['fs:///srv/data/*'], 'fs:///srv/data/..\\..\\etc')).toBe(false);
  });

  it('item 7: agent://alice* does not admit agent://alice@evil.example', () => {
    const decision = checkPermission(
      granting('execute', ['agent://alice*']),
      'execute',
      'agent://alice@evil.example',
    );
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toMatch(/userinfo/);
    expect(allows(['agent://alice*'], 'agent://alice.evil.example')).toBe(false);
    expect(allows(['agent://alice*'], 'agent://alice-2')).toBe(true);
  });

  it('item 7: https://*.example.com does not admit https://evil.com/x.example.com', () => {
    const pattern = ['https://*.example.com'];
    expect(allows(pattern, 'https://evil.com/x.example.com')).toBe(false);
    expect(allows(pattern, 'https://a.example.com')).toBe(true);
    expect(allows(pattern, 'https://example.com')).toBe(false);
    expect(allows(pattern, 'https://a.b.example.com')).toBe(false);
    expect(allows(pattern, 'https://evil.com?x.example.com')).toBe(false);
  });

  it.each([
    ['agent://*', 'agent://a/b', '/'],
    ['agent://*', 'agent://a?b', '?'],
    ['agent://*', 'agent://a#b', '#'],
    ['agent://*', 'agent://', 'the empty string'],
    ['agent://*', 'agent:///a', 'an empty authority'],
    ['gateway://prod-*', 'gateway://prod-', 'the empty string'],
    ['gateway://prod-*', 'gateway://prod-eu.evil', '.'],
    ['gateway://prod-*', 'gateway://prod-eu:8080', ':'],
  ])('item 7: %s does not match %s (* across %s)', (pattern, principal) => {
    expect(allows([pattern], principal)).toBe(false);
  });

  it.each([
    ['no-break space', 0xa0],
    ['em space', 0x2003],
    ['ideographic space', 0x3000],
    ['zero width space', 0x200b],
    ['zero width joiner', 0x200d],
    ['right-to-left override', 0x202e],
    ['left-to-right isolate', 0x2066],
    ['byte order mark', 0xfeff],
    ['soft hyphen', 0xad],
    ['variation selector', 0xfe0f],
    ['line separator', 0x2028],
    ['next line', 0x85],
    ['Hangul filler', 0x3164],
  ])('item 7: a principal holding a %s (%i) is refused, raw or percent-encoded', (_, code) => {
    const c = String.fromCodePoint(code);
    expect(allows(['agent://*', 'agent://*/*'], `agent://ali${c}ce`)).toBe(false);
    expect(allows(['agent://*/*'], `agent://alice/x${encodeURIComponent(c)}`)).toBe(false);
  });

  it('item 7: a principal that is not NFC is refused', () => {
    expect(allows(['agent://*/*'], 'agent://alice/cafe%CC%81')).toBe(false);
    expect(allows(['agent://*/*'], 'agent://alice/caf%C3%A9')).toBe(true);
    expect(allows(['agent://*/*'], 'agent://alice/cafe\u0301')).toBe(false);
  });

  it('item 7: invalid percent-encoding is refused', () => {
    for (const bad of ['agent://a/%', 'agent://a/%zz', 'agent://a/%C3', 'agent://a/%FF', 'agent://a/%41']) {
      expect(allows(['agent://*/*'], bad)).toBe(false);
    }
  });

  it('item 7: checkPermission refuses a document that does not pass strict validation', () => {
    const noSections = parseMaml('---\npermissions:\n  execute: ["agent://*"]\n---\n');
    const decision = checkPermission(noSections, 'execute', 'agent://alice');
    expect(decision.allowed).toBe(false);
    expect(decision.reason).toMatch(/strict validation \(5 error\(s\), first: MAML_MISSING_FIELD at 1:1/);
    const badPattern = documentWithPermissions(['execute: ["agent://*", "fs:///srv/*/../etc"]']);
    expect(checkPermission(badPattern, 'execute', 'agent://alice').allowed).toBe(false);
  });

  it('item 7: strict validation reports a malformed pattern at its line and column', () => {
    const source = permittedSource(['execute: ["agent://*", "fs:///srv/*/../etc", "gateway://prod-*-*"]']);
    const found = validateMaml(parseMaml(source), { level: 'strict' }).filter(
      (d) => d.code === 'MAML_INVALID_PERMISSION_PATTERN',
    );
    expect(found.map((d) => [d.range.start.line, d.range.start.column, d.severity])).toEqual([
      [6, 26, 'error'],
      [6, 48, 'error'],
    ]);
    expect(found[0]?.message).toMatch(/dot segment/);
  });
});

describe('item 7: a * never spans percent-encoding, double encoding or compatibility dots', () => {
  it('item 7: "*" inside a segment does not span a ":" or "@", plain or encoded (%3A, %40), nor any %', () => {
    for (const principal of [
      'fs:///srv/data/report-:admin',
      'fs:///srv/data/report-%3Aadmin',
      'fs:///srv/data/report-%40evil',
      'fs:///srv/data/report-%2Cx',
      'fs:///srv/data/report-caf%C3%A9',
    ]) {
      expect(allows(['fs:///srv/data/report-*'], principal), principal).toBe(false);
    }
    expect(allows(['fs:///srv/data/report-*'], 'fs:///srv/data/report-2026')).toBe(true);
    expect(allows(['fs:///srv/data/*'], 'fs:///srv/data/caf%C3%A9')).toBe(true);
  });

  it('item 7: double-encoded (%25XX) and full-width dot or solidus segments are refused like %2e%2e', () => {
    for (const principal of [
      'fs:///srv/data/%252e%252e',
      'fs:///srv/data/%2541',
      'fs:///srv/data/%EF%BC%8E%EF%BC%8E',
      'fs:///srv/data/%EF%BC%8E',
      'fs:///srv/data/a%EF%BC%8Fb',
      'fs:///srv/data/a%EF%BC%BCb',
    ]) {
      const decision = checkPermission(
        granting('execute', ['fs:///srv/data/*', 'fs:///srv/**']),
        'execute',
        principal,
      );
      expect(decision.allowed, principal).toBe(false);
      expect(decision.reason, principal).toMatch(/is refused/);
    }
    expect(allows(['fs:///srv/data/*'], 'fs:///srv/data/100%25')).toBe(true);
    expect(isPermissionPattern('fs:///srv/%252e/*')).toBe(false);
  });
});

describe('isPermissionPattern', () => {
  it.each([
    ['agent://*', true],
    ['urn:uuid:*', true],
    ['gateway://prod-*', true],
    ['https://*.example.com/**', true],
    ['fs:///srv/data/*', true],
    ['agent://*/**/logs/x-*.txt', true],
    ['admin', false],
    ['*://x', false],
    ['agent:// x', false],
    ['agent:', false],
    ['', false],
    ['agent://a.*.com', false],
    ['agent://**', false],
    ['agent://a/***', false],
    ['agent://a/x**', false],
    ['agent://a/*-*', false],
    ['agent://a/b?*', false],
    ['agent://a:*', false],
    ['agent://a/b#c', false],
    ['agent://u@a', false],
    ['agent://a/../b', false],
    ['agent://a/%2e%2e', false],
    ['agent://a\u200b', false],
    ['x'.repeat(2049), false],
  ] as const)('%s → %s', (pattern, ok) => {
    expect(isPermissionPattern(pattern)).toBe(ok);
  });
});
