import {
  appendHistory,
  checkPermission,
  MamlError,
  parseMaml,
  safeParseMaml,
  serializeMaml,
  setFrontMatterField,
  validateMaml,
} from 'mamlkit/maml';
import fc from 'fast-check';
import { containerDocument, markdownDocument, mutated, randomText } from '../../maml/arbitraries.js';
import { reference, structureOf } from '../../maml/commonmark-oracle.js';
import { corpus } from '../../maml/corpus.js';
import vectors from '../../vectors/commonmark/examples.json' with { type: 'json' };
import { assert, assertEqual, captureError, type RuntimeCase } from '../harness.js';

const sample = [
  '---',
  'maml_version: 2.0',
  'id: urn:uuid:550e8400-e29b-41d4-a716-446655440000',
  'type: workflow',
  'origin: agent://alice',
  'permissions:',
  '  read: ["agent://*"]',
  '  execute: ["gateway://prod-*"]',
  '---',
  '## Intent',
  'Square a matrix.',
  '',
  '## Code_Blocks',
  '````python',
  'print("```")',
  '````',
  '',
  '## History',
  '- 2025-08-29T20:35:00Z: [CREATE] File instantiated by `agent://alice`.',
  '[2025-08-29T20:36:00Z] [VALIDATE] checked',
  '',
].join('\n');

function example(n: number): string {
  const found = vectors.examples.find((e) => e.example === n);
  if (found === undefined) throw new Error(`no example ${n}`);
  return found.markdown;
}

/** Whether mamlkit and commonmark.js find the same ATX headings and fenced code blocks, nested and hidden ones included. */
function agreesWithReference(markdown: string): boolean {
  return JSON.stringify(structureOf(parseMaml(markdown))) === JSON.stringify(reference(markdown));
}

/** Parses `text`: only MamlErrors may escape, an unmodified document serializes byte for byte, ranges stay inside it. */
function survives(text: string): boolean {
  const result = safeParseMaml(text);
  if (!result.ok) return result.error instanceof MamlError;
  const doc = result.document;
  const inside = (range: { start: { offset: number }; end: { offset: number } }): boolean =>
    range.start.offset <= range.end.offset && range.end.offset <= text.length;
  return (
    serializeMaml(doc) === text &&
    (['strict', 'lenient'] as const).every((level) =>
      validateMaml(doc, { level }).every((d) => inside(d.range)),
    ) &&
    doc.codeBlocks.every((b) => inside(b.range))
  );
}

/** Conformance cases for `mamlkit/maml`. */
export const cases: RuntimeCase[] = [
  {
    name: 'maml: parses front matter, sections, code blocks and both History styles',
    run: () => {
      const doc = parseMaml(sample);
      assertEqual(doc.frontMatter?.data?.['maml_version'], '2.0', 'unquoted 2.0 read as a string');
      assertEqual(doc.sections.map((s) => s.name).join(','), 'intent,code_blocks,history', 'sections');
      assertEqual(doc.codeBlocks.length, 1, 'one code block (the inner fence is content)');
      assertEqual(doc.codeBlocks[0]?.code, 'print("```")\n', 'code');
      assertEqual(doc.codeBlocks[0]?.range.start.line, 14, 'code block line');
      assertEqual(
        doc.history.map((h) => `${h.style}:${h.verb}`).join(','),
        'list:CREATE,bracket:VALIDATE',
        'history',
      );
      assertEqual(doc.diagnostics[0]?.code, 'MAML_UNQUOTED_VERSION', 'version warning');
      assertEqual(doc.diagnostics[0]?.range.start.column, 15, 'warning column');
    },
  },
  {
    name: 'maml: strict validation reports the missing Context section; lenient accepts the legacy dialect with a warning',
    run: () => {
      const strict = validateMaml(parseMaml(sample), { level: 'strict' });
      const missing = strict.find((d) => d.code === 'MAML_MISSING_SECTION');
      assert(missing?.severity === 'error', 'missing Context is an error');
      const legacy = validateMaml(
        parseMaml('---\nschema: maml_v1\nid: urn:x\ntype: t\n---\n## Intent\n## Context\n'),
        {
          level: 'lenient',
        },
      );
      assertEqual(
        legacy.map((d) => `${d.severity}:${d.code}`).join(),
        'warning:MAML_LEGACY_DIALECT',
        'lenient legacy',
      );
    },
  },
  {
    name: 'maml: serializes unmodified bytes exactly (BOM, CRLF, trailing spaces)',
    run: () => {
      const text = '\uFEFF---\r\nid: x  \r\n---\r\n# T \r\n';
      const doc = parseMaml(new TextEncoder().encode(text));
      assertEqual(serializeMaml(doc), text, 'round trip');
      assertEqual(doc.sections[0]?.range.start.line, 4, 'line after CRLF');
    },
  },
  {
    name: 'maml: edits change only their lines',
    run: () => {
      const doc = parseMaml(sample);
      const edited = appendHistory(setFrontMatterField(doc, 'type', 'agent_blueprint'), {
        at: '2025-09-01T00:00:00Z',
        verb: 'EXECUTE',
        text: 'ran',
      });
      const expected = sample
        .replace('type: workflow', 'type: "agent_blueprint"')
        .replace('[VALIDATE] checked', '[VALIDATE] checked\n- 2025-09-01T00:00:00Z: [EXECUTE] ran');
      assertEqual(serializeMaml(edited), expected, 'edited source');
    },
  },
  {
    name: 'maml: permissions are default-deny URI patterns',
    run: () => {
      const valid = sample
        .replace('maml_version: 2.0', 'maml_version: "2.0"')
        .replace('## Code_Blocks', '## Context\nA demonstration.\n\n## Code_Blocks');
      const doc = parseMaml(valid);
      assertEqual(checkPermission(doc, 'execute', 'gateway://prod-eu').matched, 'gateway://prod-*', 'match');
      assertEqual(checkPermission(doc, 'execute', 'agent://alice').allowed, false, 'no match');
      assertEqual(checkPermission(doc, 'write', 'agent://alice').allowed, false, 'no write list');
      for (const principal of ['gateway://prod-eu/../x', 'gateway://prod-eu\u200b', 'agent://a/%E2%80%8B']) {
        assert(
          checkPermission(doc, 'read', principal).reason.includes('is refused'),
          `refused: ${principal}`,
        );
      }
      assertEqual(checkPermission(doc, 'read', 'agent://a/caf%C3%A9').allowed, false, 'one segment only');
      const invalid = checkPermission(parseMaml(sample), 'execute', 'gateway://prod-eu');
      assertEqual(invalid.allowed, false, 'a document without Context grants nothing');
    },
  },
  {
    name: 'maml: limits throw MamlErrors with their own codes; safeParseMaml reports them',
    run: async () => {
      const error = await captureError(() => parseMaml('x'.repeat(100), { maxDocumentBytes: 10 }));
      assert(error instanceof MamlError && error.code === 'ERR_MAML_DOCUMENT_TOO_LARGE', 'size limit');
      const bomb = `---\na: &a [1,1,1,1,1,1,1,1,1,1]\n${Array.from(
        { length: 6 },
        (_, i) =>
          `b${i}: &b${i} [${Array(10)
            .fill(i === 0 ? '*a' : `*b${i - 1}`)
            .join(',')}]`,
      ).join('\n')}\n---\n`;
      const result = safeParseMaml(bomb);
      assert(!result.ok && result.error.code === 'ERR_MAML_YAML_ALIASES', 'alias bomb');
      assert(safeParseMaml('`'.repeat(100_000)).ok, '100 000 backticks parse');
    },
  },
  {
    name: 'maml: CommonMark examples 62, 63, 124, 126 and 143',
    run: () => {
      assertEqual(
        parseMaml(example(62))
          .sections.map((s) => s.level)
          .join(''),
        '123456',
        'example 62',
      );
      assertEqual(parseMaml(example(63)).sections.length, 0, 'example 63');
      assertEqual(parseMaml(example(124)).codeBlocks[0]?.code, 'aaa\n```\n', 'example 124');
      const unclosed = parseMaml(example(126)).codeBlocks[0];
      assert(unclosed !== undefined && !unclosed.closed && unclosed.code === '', 'example 126');
      assertEqual(parseMaml(example(143)).codeBlocks[0]?.language, 'ruby', 'example 143');
    },
  },
  {
    name: `maml: all ${vectors.examples.length} CommonMark heading and fence examples agree with commonmark.js`,
    run: () => {
      const disagreeing = vectors.examples.filter((e) => !agreesWithReference(e.markdown));
      assertEqual(disagreeing.map((e) => e.example).join(', '), '', 'examples that disagree');
    },
  },
  {
    name: `maml: the ${corpus.length} corpus files parse, serialize byte for byte and validate with located diagnostics`,
    run: () => {
      assertEqual(corpus.length, 27, 'corpus files');
      const failing = corpus.filter((f) => !survives(f.text));
      assertEqual(failing.map((f) => f.name).join(', '), '', 'corpus files that fail');
    },
  },
  {
    name: 'maml: property: random text and mutated corpus files give diagnostics or MamlErrors, never a crash',
    run: () => {
      fc.assert(fc.property(randomText, survives), { numRuns: 200 });
      fc.assert(fc.property(mutated(corpus.map((f) => f.text)), survives), { numRuns: 200 });
    },
  },
  {
    name: 'maml: property: generated Markdown agrees with commonmark.js',
    run: () => {
      fc.assert(fc.property(markdownDocument, agreesWithReference), { numRuns: 300 });
    },
  },
  {
    name: 'maml: property: lists, block quotes and HTML blocks are read as commonmark.js reads them',
    run: () => {
      fc.assert(fc.property(containerDocument, agreesWithReference), { numRuns: 300 });
    },
  },
];
