/**
 * Attacks on the reading rules and the gate that are refused, kept as guards: signature-preserving
 * edits, front matter outside the subset, Markdown a renderer shows differently, permission URIs,
 * options and time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizeExecution } from '../../src/gate/index.js';
import { checkPermission, parseMaml, validateMaml } from '../../src/maml/index.js';
import { createTrustStore, signMaml, verifyMaml } from '../../src/sign/index.js';
import { fixedKeyPair, SIGNED_AT } from '../sign/fixtures.js';

const alice = fixedKeyPair('ML-DSA-44', 1);
const bob = fixedKeyPair('ML-DSA-44', 2);
const trust = createTrustStore([alice.publicKey]);
const now = new Date('2026-02-10T00:00:00Z');

const FIELDS =
  'maml_version: "2.0.0"\nid: "urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f"\ntype: "workflow"\norigin: "agent://builder"\n';
const SECTIONS = '## Intent\nAdd.\n\n## Context\nDemo.\n\n## Code_Blocks\n';
const PY = '```python\nprint(1)\n```\n';
const docWith = (frontMatter: string, body = PY) => `---\n${FIELDS}${frontMatter}---\n${SECTIONS}${body}`;
const BASE = docWith(
  'permissions:\n  execute: ["agent://ci"]  # , "agent://*"\n  read: ["agent://*"]\nnote: "a \\\n  b"\n',
  '```python\nx = """\n# not a heading\n"""\n```\n\n> quote\n\n~~~bash\necho hi\n~~~\n',
);
const signed = signMaml(BASE, alice.secretKey, { created: SIGNED_AT });
const decide = (source: string | Uint8Array, principal = 'agent://ci', extra = {}) =>
  authorizeExecution(source, { trust, principal, now, ...extra });
const codes = (source: string, principal = 'agent://ci') =>
  decide(source, principal).reasons.map((r) => r.code);
const strictErrors = (source: string) =>
  validateMaml(parseMaml(source), { level: 'strict' })
    .filter((d) => d.severity === 'error')
    .map((d) => d.code);

/** What the gate judges: data, code, sections. */
const judged = (source: string) => {
  const d = parseMaml(source);
  return {
    data: d.frontMatter?.data,
    code: d.codeBlocks.map((b) => [b.language, b.code]),
    sections: d.sections.map((s) => s.name),
  };
};

describe('signature-preserving edits do not change what is judged', () => {
  it('CR before any subset of LFs, and a leading BOM, keep the signature and the reading', () => {
    const lines = signed.split('\n');
    const reading = judged(signed);
    fc.assert(
      fc.property(fc.subarray(lines.slice(0, -1).map((_, i) => i)), fc.boolean(), (picked, bom) => {
        const at = new Set(picked);
        const edited = (bom ? '\uFEFF' : '') + lines.map((l, i) => (at.has(i) ? `${l}\r` : l)).join('\n');
        expect(verifyMaml(edited, trust, { now }).valid).toBe(true);
        expect(judged(edited)).toEqual(reading);
        expect(decide(edited).allowed).toBe(true);
        expect(decide(edited, 'agent://mallory').allowed).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('a lone CR anywhere is refused (not a second reading)', () => {
    const i = signed.indexOf('# , "agent://*"');
    expect(codes(`${signed.slice(0, i)}\r${signed.slice(i)}`, 'agent://mallory')).toContain(
      'GATE_INVALID_DOCUMENT',
    );
  });

  it('bytes with one or two BOMs decode as the string does', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${signed}`);
    expect(decide(bytes).allowed).toBe(true);
    expect(decide(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])).allowed).toBe(false);
    expect(decide(new Uint8Array([...new TextEncoder().encode(signed), 0xff])).allowed).toBe(false);
  });

  it('heading variants of the signature section are refused', () => {
    for (const heading of [
      '## Signatures ',
      '## Signatures\t',
      '##  Signatures',
      ' ## Signatures',
      '## signatures',
      '## Signatures ##',
      '### Signatures',
      'Signatures\n----------',
      '## Signatures\u00a0',
    ]) {
      const edited = signed.replace('## Signatures', heading);
      expect(decide(edited).allowed, heading).toBe(false);
    }
  });

  it('signature blocks: CRLF inside is the same signature; other edits are refused', () => {
    const head = signed.indexOf('## Signatures');
    const crlf = signed.slice(0, head) + signed.slice(head).replaceAll('\n', '\r\n');
    expect(decide(crlf).allowed).toBe(true);
    for (const edit of [
      (s: string) => s.replace('```maml-signature', '~~~maml-signature').replace(/```\n$/, '~~~\n'),
      (s: string) => s.replace('```maml-signature', '```maml-signature '),
      (s: string) => s.replace(/```\n$/, '``` \n'),
      (s: string) => s.replace(/```\n$/, '````\n'),
      (s: string) => `${s}\n\`\`\`python\nevil()\n\`\`\`\n`,
      (s: string) => `${s}\n<!-- x -->\n`,
      (s: string) => `${s}\n[x]: /y\n`,
      (s: string) => s.replace('## Signatures\n', '## Signatures\n    indented\n'),
    ]) {
      expect(decide(edit(signed)).allowed).toBe(false);
    }
  });

  it('another signature block by an unknown key, or a duplicate, changes nothing; a malformed one refuses', () => {
    const cosigned = signMaml(signed, bob.secretKey, { created: SIGNED_AT });
    expect(decide(cosigned).allowed).toBe(true);
    expect(decide(cosigned, 'agent://ci', { threshold: 2 }).allowed).toBe(false);
    const block = signed.slice(signed.indexOf('```maml-signature'));
    expect(decide(`${signed}\n${block}`, 'agent://ci', { threshold: 2 }).allowed).toBe(false);
    expect(decide(signed.replace('```maml-signature\n', '```maml-signature\nx\n')).allowed).toBe(false);
  });
});

describe('the front matter subset holds', () => {
  const ALL = 'agent://mallory';
  it.each([
    [
      'quoted duplicate',
      'permissions:\n  execute: ["agent://ci"]\n"permissions":\n  execute: ["agent://*"]\n',
    ],
    [
      'escaped duplicate',
      'permissions:\n  execute: ["agent://ci"]\n"permi\\x73sions":\n  execute: ["agent://*"]\n',
    ],
    ['duplicate action', 'permissions:\n  execute: ["agent://ci"]\n  "execute": ["agent://*"]\n'],
    ['merge key', 'b: &b\n  execute: ["agent://*"]\npermissions:\n  <<: *b\n'],
    ['anchored key', 'permissions:\n  &a execute: ["agent://*"]\n'],
    ['explicit key', 'permissions:\n  ? execute\n  : ["agent://*"]\n'],
    ['flag yes', 'permissions:\n  execute: ["agent://*"]\nquantum_security_flag: yes\n'],
    ['flag 1', 'permissions:\n  execute: ["agent://*"]\nquantum_security_flag: 1\n'],
    ['bare string', 'permissions:\n  execute: "agent://*"\n'],
    ['nested list', 'permissions:\n  execute: [["agent://*"]]\n'],
    ['non-string item', 'permissions:\n  execute: [1, "agent://*"]\n'],
    ['tab indent', 'permissions:\n\texecute: ["agent://*"]\n'],
    ['U+2028 ends a comment', 'permissions:\n  execute: ["agent://ci"] #\u2028  read: ["agent://*"]\n'],
    ['U+0085', 'permissions:\n  execute: ["agent://ci"]\u0085  read: ["agent://*"]\n'],
    ['%YAML 1.1', '%YAML 1.1\n---\npermissions:\n  execute: ["agent://*"]\n'],
    ['!!binary', 'permissions:\n  execute: [!!binary YWJj]\n'],
    ['long key', `${'k'.repeat(1100)}: 1\npermissions:\n  execute: ["agent://*"]\n`],
    ['invalid pattern', 'permissions:\n  execute: ["*"]\n'],
    ['NUL in pattern', 'permissions:\n  execute: ["agent://*\u0000"]\n'],
  ])('%s: strict validation refuses it and the gate denies', (_name, frontMatter) => {
    const source = docWith(frontMatter);
    expect(strictErrors(source)).not.toEqual([]);
    expect(checkPermission(parseMaml(source), 'execute', ALL).allowed).toBe(false);
  });

  it('a Permissions key in another case is a different, ignored key (fail closed)', () => {
    const source = docWith('Permissions:\n  execute: ["agent://*"]\n');
    expect(checkPermission(parseMaml(source), 'execute', ALL).allowed).toBe(false);
  });
});

describe('Markdown a renderer shows differently is refused', () => {
  it.each([
    ['HTML comment', '<!--\n```python\nevil()\n```\n-->\n'],
    ['div without blank line', '<div>\n```python\nevil()\n```\n</div>\n'],
    ['type 7 tag', '<x-y>\n```python\nevil()\n```\n'],
    ['script', '<script>\n```python\nevil()\n```\n</script>\n'],
    ['list item fence', '- a\n  ```python\n  evil()\n  ```\n'],
    ['block quote fence', '> ```python\n> evil()\n> ```\n'],
    ['entity info', '```&#112;ython\nevil()\n```\n'],
    ['escaped info', '```python\\_x\nevil()\n```\n'],
    ['unclosed fence', '```python\nevil()\n'],
  ])('%s', (_name, body) => {
    expect(strictErrors(docWith('permissions:\n  execute: ["agent://ci"]\n', body))).not.toEqual([]);
  });

  it('indented code and fences with trailing NBSP read as CommonMark reads them', () => {
    expect(parseMaml(docWith('', '    ```python\n    evil()\n    ```\n')).codeBlocks).toEqual([]);
    const nbsp = parseMaml(docWith('', '```python\nprint(1)\n```\u00a0\nevil()\n```\n'));
    expect(nbsp.codeBlocks.map((b) => b.code)).toEqual(['print(1)\n```\u00a0\nevil()\n']);
  });
});

describe('permission URIs', () => {
  const doc = (patterns: string[]) =>
    parseMaml(docWith(`permissions:\n  execute: ${JSON.stringify(patterns)}\n`));
  it.each([
    ['fs:///srv/data/*', 'fs:///srv/data/%2E%2E'],
    ['fs:///srv/data/*', 'fs:///srv/data/.%2e'],
    ['fs:///srv/data/*', 'fs:///srv/data/..%2f'],
    ['fs:///srv/data/*', 'fs:///srv/data/x;/..'],
    ['fs:///srv/data/**', 'fs:///srv/datax'],
    ['fs:///srv/data/**', 'fs://host/srv/data/x'],
    ['agent://*', 'agent://alice:8080'],
    ['agent://*', 'agent://a.b'],
    ['agent://*', 'agent://a%2eb'],
    ['agent://*', 'agent://alice@evil'],
    ['agent://alice*', 'agent://alice.evil'],
    ['agent://*.example', 'agent://example'],
    ['agent://alice', 'agent://alice:'],
    ['agent://alice', 'agent://alice?'],
    ['agent://alice', 'agent://alice/'],
    ['agent://alice', 'agent://alice#x'],
    ['agent://alice/*', 'agent://alice/x?y'],
    ['agent://*/**', 'agent://x/%E2%80%AE'],
    ['agent://*/**', 'agent://x/%C0%AE'],
    ['agent://*/**', 'agent://x/cafe%CC%81'],
    ['http://*.a.com', 'http://x.a.com.'],
    ['urn:*', 'urn:x/../y'],
    ['urn:a*', 'urn:a:b'],
  ])('%s does not admit %s', (pattern, principal) => {
    expect(checkPermission(doc([pattern]), 'execute', principal).allowed).toBe(false);
  });

  it('long inputs are refused or matched without blowing up', () => {
    const pattern = `agent://x/${Array(200).fill('**/a*').join('/')}`.slice(0, 2048);
    const principal = `agent://x/${Array(1000).fill('bb').join('/')}`.slice(0, 2048);
    expect(checkPermission(doc([pattern.replace(/\/[^/]*$/, '')]), 'execute', principal).allowed).toBe(false);
    expect(checkPermission(doc(['agent://*']), 'execute', `agent://${'a'.repeat(5000)}`).allowed).toBe(false);
  });
});

describe('gate options and time', () => {
  it('future-dated, expired and stale signatures; bad options throw ERR_GATE_OPTIONS', () => {
    const future = signMaml(BASE, alice.secretKey, { created: new Date(now.getTime() + 301_000) });
    expect(codes(future)).toEqual(['GATE_CREATED_IN_FUTURE']);
    const ok = signMaml(BASE, alice.secretKey, { created: new Date(now.getTime() + 299_000) });
    expect(codes(ok)).toEqual([]);
    expect(decide(signed, 'agent://ci', { maxAgeDays: 8 }).reasons.map((r) => r.code)).toEqual([
      'GATE_SIGNATURE_EXPIRED',
    ]);
    for (const bad of [
      { maxAgeDays: 0 },
      { maxAgeDays: Number.NaN },
      { threshold: 0 },
      { clockSkewMs: -1 },
      { signatures: 'Optional' },
      { now: new Date(Number.NaN) },
    ]) {
      expect(() => decide(signed, 'agent://ci', bad)).toThrow(/options/);
    }
    const expired = createTrustStore([{ key: alice.publicKey, notAfter: new Date('2026-02-01T00:00:00Z') }]);
    expect(authorizeExecution(signed, { trust: expired, principal: 'agent://ci', now }).allowed).toBe(false);
  });
});
