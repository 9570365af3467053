import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type DocumentOptions,
  type Node,
  type ParseOptions,
  type SchemaOptions,
  type YAMLError,
} from 'yaml';
import { MamlError } from './errors.js';
import { lineContentEnd } from './markdown.js';
import type { MamlLimits } from './options.js';
import { rangeAt } from './positions.js';
import { exceedsBytes } from './size.js';
import type { MamlDiagnostic, MamlFieldLocation, MamlFrontMatter, MamlPath } from './types.js';
import { assertYamlDepthBound } from './yaml-depth.js';
import { parseSimpleYaml, plainNotice, putKey, type FastYaml } from './yaml-fast.js';

/** Options passed to the `yaml` parser: YAML 1.2 core schema, no custom tags, duplicate keys reported. */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  customTags: [],
  uniqueKeys: true,
  prettyErrors: false,
  strict: true,
};

const DELIMITER = /^---[ \t]*$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

/** Where the front matter delimiters are. */
export interface FrontMatterBlock {
  /** Offset of the opening delimiter (1 after a byte order mark). */
  readonly start: number;
  /** Line index of the closing delimiter, or -1 when there is none. */
  readonly closeLine: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  /** Offset just past the closing delimiter line. */
  readonly end: number;
}

/** Finds a `---` block opening on the very first line (after a byte order mark). */
export function findFrontMatter(
  source: string,
  starts: readonly number[],
  bom: number,
): FrontMatterBlock | undefined {
  if (!DELIMITER.test(source.slice(bom, lineContentEnd(source, starts, 0)))) return undefined;
  for (let i = 1; i < starts.length; i++) {
    const s = starts[i] ?? source.length;
    const c = source.charCodeAt(s);
    if (c !== 45 && c !== 46) continue;
    if (CLOSING.test(source.slice(s, lineContentEnd(source, starts, i)))) {
      return {
        start: bom,
        closeLine: i,
        contentStart: starts[1] ?? source.length,
        contentEnd: s,
        end: starts[i + 1] ?? source.length,
      };
    }
  }
  return {
    start: bom,
    closeLine: -1,
    contentStart: starts[1] ?? source.length,
    contentEnd: source.length,
    end: source.length,
  };
}

type Locate = { readonly lineStarts: readonly number[] };

interface Walk {
  readonly doc: Document.Parsed;
  readonly base: number;
  readonly limits: MamlLimits;
  readonly locate: Locate;
  readonly fields: MamlFieldLocation[];
  readonly diagnostics: MamlDiagnostic[];
  readonly values: Map<Node, unknown>;
  readonly sizes: Map<Node, number>;
  nodes: number;
  aliases: number;
}

function count(walk: Walk, amount: number): void {
  walk.nodes += amount;
  if (walk.nodes > walk.limits.maxYamlNodes) {
    throw new MamlError(
      'ERR_MAML_YAML_ALIASES',
      `front matter expands to more than ${walk.limits.maxYamlNodes} values`,
    );
  }
}

/** The warning for an unquoted numeric version read as its text. */
function versionNotice(
  locate: Locate,
  path: MamlPath,
  text: string,
  start: number,
  end: number,
): MamlDiagnostic {
  const key = String(path[0]);
  return {
    code: 'MAML_UNQUOTED_VERSION',
    severity: 'warning',
    message: `${key} ${text} is an unquoted number; it is read as the string "${text}"`,
    range: rangeAt(locate, start, end),
    path,
    hint: `quote it: ${key}: "${text}"`,
  };
}

/** The warning for an unquoted timestamp kept as a string. */
function timestampNotice(
  locate: Locate,
  path: MamlPath,
  text: string,
  start: number,
  end: number,
): MamlDiagnostic {
  return {
    code: 'MAML_UNQUOTED_TIMESTAMP',
    severity: 'warning',
    message: `unquoted timestamp ${text} is kept as a string (YAML 1.1 readers turn it into a date)`,
    range: rangeAt(locate, start, end),
    path,
    hint: `quote it: "${text}"`,
  };
}

function scalarValue(
  walk: Walk,
  node: Node & { value: unknown; type?: string; source?: string },
  path: MamlPath,
): unknown {
  const value = node.value;
  const range = node.range ?? [0, 0, 0];
  if (node.type !== 'PLAIN') return value;
  const kind = plainNotice(path, value);
  if (kind === undefined) return value;
  const start = walk.base + range[0];
  const end = walk.base + range[1];
  if (kind === 'version') {
    if (node.source === undefined) return value;
    walk.diagnostics.push(versionNotice(walk.locate, path, node.source, start, end));
    return node.source;
  }
  walk.diagnostics.push(timestampNotice(walk.locate, path, value as string, start, end));
  return value;
}

function subtreeSize(walk: Walk, node: Node): number {
  const known = walk.sizes.get(node);
  if (known !== undefined) return known;
  let size = 1;
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      const child = isMap(node) ? (item as { value: unknown }).value : item;
      if (child !== null && typeof child === 'object') size += subtreeSize(walk, child as Node);
    }
  } else if (isAlias(node)) {
    const target = node.resolve(walk.doc);
    size = target === undefined ? 1 : (walk.sizes.get(target) ?? 1);
  }
  walk.sizes.set(node, size);
  return size;
}

function convert(walk: Walk, node: Node | null, path: MamlPath, depth: number): unknown {
  if (node === null) return null;
  if (depth > walk.limits.maxNestingDepth) {
    throw new MamlError(
      'ERR_MAML_NESTING_DEPTH',
      `front matter nests deeper than ${walk.limits.maxNestingDepth} levels`,
    );
  }
  if (isAlias(node)) {
    if (++walk.aliases > walk.limits.maxYamlAliases) {
      throw new MamlError(
        'ERR_MAML_YAML_ALIASES',
        `front matter uses more than ${walk.limits.maxYamlAliases} aliases`,
      );
    }
    const target = node.resolve(walk.doc);
    if (target === undefined || !walk.values.has(target)) return null;
    count(walk, subtreeSize(walk, target));
    return walk.values.get(target);
  }
  count(walk, 1);
  let value: unknown;
  if (isMap(node)) {
    const object: Record<string, unknown> = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(convert(walk, keyNode, path, depth + 1));
      const childPath = [...path, key];
      const valueNode = pair.value as Node | null;
      const keyRange = keyNode?.range ?? valueNode?.range ?? [0, 0, 0];
      const valueRange = valueNode?.range ?? [keyRange[1], keyRange[1], keyRange[1]];
      walk.fields.push({
        path: childPath,
        keyRange: rangeAt(walk.locate, walk.base + keyRange[0], walk.base + keyRange[1]),
        valueRange: rangeAt(walk.locate, walk.base + valueRange[0], walk.base + valueRange[1]),
      });
      putKey(object, key, convert(walk, valueNode, childPath, depth + 1));
    }
    value = object;
  } else if (isSeq(node)) {
    value = node.items.map((item, index) => {
      const child = item as Node | null;
      const childPath = [...path, index];
      if (child?.range) {
        walk.fields.push({
          path: childPath,
          valueRange: rangeAt(walk.locate, walk.base + child.range[0], walk.base + child.range[1]),
        });
      }
      return convert(walk, child, childPath, depth + 1);
    });
  } else if (isScalar(node)) {
    value = scalarValue(walk, node as Node & { value: unknown }, path);
  } else value = null;
  if (node.anchor !== undefined) walk.values.set(node, value);
  return value;
}

function yamlDiagnostic(walk: Walk, issue: YAMLError, warning: boolean): MamlDiagnostic {
  const range = rangeAt(
    walk.locate,
    walk.base + issue.pos[0],
    walk.base + Math.max(issue.pos[0], issue.pos[1]),
  );
  const message = issue.message.split('\n')[0] ?? issue.message;
  if (issue.code === 'DUPLICATE_KEY') {
    return {
      code: 'MAML_DUPLICATE_KEY',
      severity: 'error',
      message: 'front matter repeats a key',
      range,
      hint: 'remove or rename one of the two keys',
    };
  }
  if (issue.code === 'TAG_RESOLVE_FAILED') {
    return {
      code: 'MAML_YAML_TAG',
      severity: 'warning',
      message: `${message}; the value is read without it`,
      range,
      hint: 'remove the custom tag',
    };
  }
  if (warning) return { code: 'MAML_YAML_WARNING', severity: 'warning', message, range };
  return { code: 'MAML_YAML_SYNTAX', severity: 'error', message: `front matter YAML: ${message}`, range };
}

interface Read {
  readonly value: unknown;
  readonly fatal: boolean;
  readonly fields: MamlFieldLocation[];
  readonly diagnostics: MamlDiagnostic[];
}

/** Converts the fast reader's offsets into ranges and notices into diagnostics. */
export function readFast(fast: FastYaml, base: number, locate: Locate): Read {
  const fields = fast.fields.map((f): MamlFieldLocation =>
    f.key === undefined
      ? { path: f.path, valueRange: rangeAt(locate, base + f.value[0], base + f.value[1]) }
      : {
          path: f.path,
          keyRange: rangeAt(locate, base + f.key[0], base + f.key[1]),
          valueRange: rangeAt(locate, base + f.value[0], base + f.value[1]),
        },
  );
  const diagnostics = fast.notices.map((n) =>
    (n.kind === 'version' ? versionNotice : timestampNotice)(
      locate,
      n.path,
      n.text,
      base + n.start,
      base + n.end,
    ),
  );
  return { value: fast.value, fatal: false, fields, diagnostics };
}

/** Reads the YAML with the full `yaml` parser (after the depth pre-check). */
export function readYaml(raw: string, base: number, locate: Locate, limits: MamlLimits): Read {
  assertYamlDepthBound(raw, limits.maxNestingDepth);
  const doc = parseDocument(raw, YAML_OPTIONS);
  const walk: Walk = {
    doc,
    base,
    limits,
    locate,
    fields: [],
    diagnostics: [],
    values: new Map(),
    sizes: new Map(),
    nodes: 0,
    aliases: 0,
  };
  for (const error of doc.errors) walk.diagnostics.push(yamlDiagnostic(walk, error, false));
  for (const warning of doc.warnings) walk.diagnostics.push(yamlDiagnostic(walk, warning, true));
  const value = convert(walk, doc.contents, [], 0);
  const fatal = doc.errors.some((e) => e.code !== 'DUPLICATE_KEY');
  return { value, fatal, fields: walk.fields, diagnostics: walk.diagnostics };
}

/** Parses the YAML between the delimiters into plain data with locations and diagnostics. */
export function parseFrontMatter(
  source: string,
  block: FrontMatterBlock,
  locate: { readonly lineStarts: readonly number[] },
  limits: MamlLimits,
): { frontMatter: MamlFrontMatter; diagnostics: MamlDiagnostic[] } {
  const raw = source.slice(block.contentStart, block.contentEnd);
  if (exceedsBytes(raw, limits.maxFrontMatterBytes)) {
    throw new MamlError(
      'ERR_MAML_FRONT_MATTER_TOO_LARGE',
      `front matter is larger than ${limits.maxFrontMatterBytes} bytes`,
    );
  }
  const base = block.contentStart;
  const fast = parseSimpleYaml(raw, limits);
  const read = fast === undefined ? readYaml(raw, base, locate, limits) : readFast(fast, base, locate);
  const { value, fatal } = read;
  const diagnostics = read.diagnostics;
  let data: Record<string, unknown> | undefined;
  if (value === null && !fatal) data = {};
  else if (value !== null && typeof value === 'object' && !Array.isArray(value))
    data = fatal ? undefined : (value as Record<string, unknown>);
  else if (!fatal) {
    diagnostics.push({
      code: 'MAML_INVALID_FRONT_MATTER',
      severity: 'error',
      message: 'front matter must be a YAML mapping of fields',
      range: rangeAt(locate, block.contentStart, block.contentEnd),
      hint: 'write one "key: value" per line',
    });
  }
  return {
    frontMatter: {
      raw,
      data,
      range: rangeAt(locate, block.start, block.end),
      contentRange: rangeAt(locate, block.contentStart, block.contentEnd),
      fields: read.fields,
    },
    diagnostics,
  };
}
