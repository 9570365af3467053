import { describe, expect, it } from 'vitest';
import { MAML_DEFAULT_LIMITS } from '../../src/maml/options.js';
import { parseSimpleYaml } from '../../src/maml/yaml-fast.js';
import {
  isMamlValid,
  MamlError,
  parseMaml,
  safeParseMaml,
  validateMaml,
  type MamlDiagnosticCode,
} from '../../src/maml/index.js';
import { thrown } from './thrown.js';

const HEAD = 'maml_version: "2.0.0"\nid: urn:uuid:550e8400-e29b-41d4-a716-446655440000\ntype: workflow\n';
const BODY = '## Intent\nRun it.\n\n## Context\nCI.\n';

/** A document with `yaml` as front matter. */
function maml(yaml: string): string {
  return `---\n${yaml}---\n${BODY}`;
}

/** Parses `yaml` as front matter and checks it is refused with `code` at `line`:`column` (1-based, document lines). */
function refused(yaml: string, code: MamlDiagnosticCode, line: number, column: number): void {
  const doc = parseMaml(maml(yaml));
  const found = doc.diagnostics.filter((d) => d.code === code);
  expect(found.map((d) => [d.severity, d.range.start.line, d.range.start.column])).toContainEqual([
    'error',
    line,
    column,
  ]);
  expect(doc.frontMatter?.data).toBeUndefined();
  expect(isMamlValid(validateMaml(doc, { level: 'strict' }))).toBe(false);
}

describe('item 3: the front matter is a strict YAML subset', () => {
  it('item 3: a collection key is an error and never replaces permissions', () => {
    const yaml = `${HEAD}permissions:\n  execute: ["agent://mcp-server/ci"]\n? [permissions]\n: {execute: ["agent://*"]}\n`;
    refused(yaml, 'MAML_YAML_KEY', 7, 3);
    refused('{a: 1}: x\n', 'MAML_YAML_KEY', 2, 1);
    refused('[a]: x\n', 'MAML_YAML_KEY', 2, 1);
  });

  it('item 3: an alias key (and the anchored key it names) is an error', () => {
    const yaml = `${HEAD}&k quantum_security_flag: true\n*k : false\n`;
    refused(yaml, 'MAML_YAML_KEY', 5, 4);
    refused(yaml, 'MAML_YAML_KEY', 6, 1);
  });

  it('item 3: a null or empty key is an error, not the key "null"', () => {
    refused('null: x\n', 'MAML_YAML_KEY', 2, 1);
    refused('~: x\n', 'MAML_YAML_KEY', 2, 1);
    refused(': x\n', 'MAML_YAML_KEY', 2, 1);
    refused('"": x\n', 'MAML_YAML_KEY', 2, 1);
  });

  it('item 3: keys that resolve to numbers or booleans, tagged keys and merge keys are errors', () => {
    refused('1: x\n"1": y\n', 'MAML_YAML_KEY', 2, 1);
    refused('true: x\n', 'MAML_YAML_KEY', 2, 1);
    refused('!!str a: x\n', 'MAML_YAML_KEY', 2, 7);
    refused('<<: {execute: ["agent://*"]}\n', 'MAML_YAML_KEY', 2, 1);
  });

  it('item 3: an unresolved alias is an error, not null', () => {
    refused('a: *nope\n', 'MAML_YAML_ALIAS', 2, 4);
    refused('a: &x [*x]\n', 'MAML_YAML_ALIAS', 2, 8);
  });

  it('item 3: a tag outside the core schema is an error, not read without it', () => {
    refused('a: !foo x\n', 'MAML_YAML_TAG', 2, 9);
    refused('a: !!binary aGk=\n', 'MAML_YAML_TAG', 2, 13);
    expect(parseMaml(maml('a: !!str 1\nb: !!int "2"\n')).frontMatter?.data).toEqual({ a: '1', b: 2 });
  });

  it('item 3: a key over 1,024 characters is an error', () => {
    refused(`${'k'.repeat(1025)}: 1\n`, 'MAML_YAML_KEY_TOO_LONG', 2, 1);
    refused(`a: {${'k'.repeat(1025)}: 1}\n`, 'MAML_YAML_KEY_TOO_LONG', 2, 5);
    expect(parseMaml(maml(`${'k'.repeat(1024)}: 1\n`)).diagnostics).toEqual([]);
  });

  it('item 3: U+0085, U+2028 and U+2029 are errors (line breaks to YAML 1.1 readers only)', () => {
    for (const c of ['\u0085', '\u2028', '\u2029']) {
      const doc = parseMaml(maml(`# note${c}quantum_security_flag: false\na: 1\n`));
      expect(doc.diagnostics.map((d) => [d.code, d.severity, d.range.start.line])).toEqual([
        ['MAML_YAML_LINE_BREAK', 'error', 2],
      ]);
    }
  });

  it('duplicate keys, compared as read, stay errors', () => {
    for (const yaml of ['"a": 1\na: 2\n', "a: 1\n'a': 2\n", '__proto__: 1\n"__proto__": 2\n']) {
      const doc = parseMaml(maml(yaml));
      expect(doc.diagnostics.map((d) => [d.code, d.severity, d.range.start.line])).toEqual([
        ['MAML_DUPLICATE_KEY', 'error', 3],
      ]);
    }
  });

  it('item 3: a block scalar deeper than the depth pre-check is valid YAML', () => {
    const deep = ' '.repeat(300);
    const cases: [string, unknown][] = [
      [`a: |\n${deep}x\n${deep}  - - - y\n`, { a: 'x\n  - - - y\n' }],
      [`a: >-\n  x\n${deep}y\n`, { a: 'x\n' + deep.slice(2) + 'y' }],
      [`a: "x\n${deep}y"\n`, { a: 'x y' }],
      [`a: x\n${deep}y\n`, { a: 'x y' }],
      [`a: [x,\n${deep}y]\n`, { a: ['x', 'y'] }],
      [`a:\n${deep}b: 1\n`, { a: { b: 1 } }],
      [`a: |\n  ${'['.repeat(500)}\n`, { a: `${'['.repeat(500)}\n` }],
    ];
    for (const [yaml, data] of cases) {
      const doc = parseMaml(maml(yaml));
      expect(doc.diagnostics).toEqual([]);
      expect(doc.frontMatter?.data).toEqual(data);
    }
  });

  it('item 3: nesting is counted in collections, 64 by default, with the same code on both readers', () => {
    const nested = (n: number): string =>
      Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n';
    expect(parseMaml(maml(nested(64))).diagnostics).toEqual([]);
    expect(parseSimpleYaml(nested(64), MAML_DEFAULT_LIMITS)).toBeDefined();
    expect(thrown(() => parseMaml(maml(nested(65))))).toMatchObject({ code: 'ERR_MAML_NESTING_DEPTH' });
    expect(parseSimpleYaml(nested(65), MAML_DEFAULT_LIMITS)).toBeUndefined();
    const seqs = (n: number): string => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(parseMaml(maml(seqs(63))).diagnostics).toEqual([]);
    expect(thrown(() => parseMaml(maml(seqs(64))))).toMatchObject({ code: 'ERR_MAML_NESTING_DEPTH' });
  });

  it('item 3: 10,001 plain keys exceed the node limit, not the alias limit', () => {
    const yaml = Array.from({ length: 10_001 }, (_, i) => `k${i}: 1`).join('\n') + '\n';
    const options = { maxFrontMatterBytes: 1024 * 1024 };
    const error = thrown(() => parseMaml(maml(yaml), options));
    expect(error).toBeInstanceOf(MamlError);
    expect(error).toMatchObject({ code: 'ERR_MAML_YAML_NODES' });
    expect(parseSimpleYaml(yaml, MAML_DEFAULT_LIMITS)).toBeUndefined();
    const fewer = Array.from({ length: 9_998 }, (_, i) => `k${i}: 1`).join('\n') + '\n';
    expect(parseMaml(maml(fewer), options).diagnostics).toEqual([]);
  });

  it('item 3: 10 000 list markers after a key in a plain scalar continuation are refused before the parser', () => {
    const result = safeParseMaml(maml(`a: x\n  y: ${'- '.repeat(10_000)}z\n`));
    expect(result.ok ? undefined : result.error.code).toBe('ERR_MAML_NESTING_DEPTH');
  });
});

describe('the depth pre-check reads scalars as the parser does', () => {
  it.each([
    ['10 000 list markers after a plain scalar', `a: x\n  ${'- '.repeat(10_000)}y\n`],
    ['10 000 list markers after a comment', `a: x # c\n  ${'- '.repeat(10_000)}y\n`],
    ['10 000 brackets in an unindented quoted line', `a:\n  b: "x\n${'['.repeat(10_000)}"\n`],
    [
      '10 000 brackets after a less indented block scalar line',
      `- a: |\n      x\n   ${'['.repeat(10_000)}\n`,
    ],
    ['10 000 list markers in flow', `a: [x,\n${'- '.repeat(10_000)}]\n`],
  ])('%s finish with a result or a limit error', (_name, yaml) => {
    const result = safeParseMaml(maml(yaml));
    if (!result.ok) expect(result.error.code).toBe('ERR_MAML_NESTING_DEPTH');
  });
});

describe('item 4: the fast reader never guesses', () => {
  it.each([['a: ?\n'], ['a: ? x\n'], ['a: [? x]\n'], ['a: :x\n'], [`${'k'.repeat(1025)}: 1\n`]])(
    'item 4: %j is left to the full reader',
    (yaml) => {
      expect(parseSimpleYaml(yaml, MAML_DEFAULT_LIMITS)).toBeUndefined();
    },
  );

  it.each([['a: - x\n'], ['a: x\u2028b\n'], ['a: -x\n'], ['a: x\n  y\n']])(
    'leaves %j to the full reader',
    (yaml) => {
      expect(parseSimpleYaml(yaml, MAML_DEFAULT_LIMITS)).toBeUndefined();
    },
  );

  it('item 4: a line reads one way whether or not an anchor elsewhere sends the document to the full reader', () => {
    for (const line of ['a: ?\n', 'a: ? x\n', 'a: [? x]\n', `${'k'.repeat(1025)}: 1\n`]) {
      for (const other of ['', 'z: &n 1\n']) {
        const doc = parseMaml(maml(`${HEAD}${other}${line}`));
        expect(doc.frontMatter?.data).toBeUndefined();
        expect(doc.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }
    }
  });
});
