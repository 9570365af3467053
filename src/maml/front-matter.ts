import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Alias,
  type Document,
  type DocumentOptions,
  type Node,
  type ParseOptions,
  type SchemaOptions,
  type YAMLError,
} from 'yaml';
import { MamlError } from './errors.js';
import { invisibleText } from './invisible-characters.js';
import type { FrontMatterBlock } from './front-matter-block.js';
import type { MamlLimits } from './options.js';
import { rangeAt } from './positions.js';
import { exceedsBytes } from './size.js';
import type { MamlDiagnostic, MamlFieldLocation, MamlFrontMatter, MamlPath } from './types.js';
import { scanYamlStructure } from './yaml-depth.js';
import {
  AMBIGUOUS_LINE_BREAK,
  MAX_KEY_LENGTH,
  parseSimpleYaml,
  plainNotice,
  putKey,
  type FastYaml,
} from './yaml-fast.js';

/**
 * Options passed to the `yaml` parser: YAML 1.2 core schema, no custom tags. Duplicate keys are
 * found by the conversion, on the keys as read (yaml's own check compares every pair of keys).
 */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  customTags: [],
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
};

type Locate = { readonly lineStarts: readonly number[] };

/** The YAML 1.2 core schema's tags: the only ones front matter may write. */
const CORE_TAGS: ReadonlySet<string> = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`),
);

interface Walk {
  readonly doc: Document.Parsed;
  readonly base: number;
  readonly limits: MamlLimits;
  readonly locate: Locate;
  readonly fields: MamlFieldLocation[];
  readonly diagnostics: MamlDiagnostic[];
  readonly values: Map<Node, unknown>;
  readonly sizes: Map<Node, number>;
  /** Offsets of the keys refused as too long (yaml reports some of them too). */
  readonly longKeys: Set<number>;
  nodes: number;
  aliases: number;
  /** Set when the text has no single reading (a refused key, tag or alias): no data is returned. */
  fatal: boolean;
}

/** Counts values; past `maxYamlNodes` the error names aliases when an alias expansion crossed the limit. */
function count(walk: Walk, amount: number, alias = false): void {
  walk.nodes += amount;
  if (walk.nodes <= walk.limits.maxYamlNodes) return;
  if (alias) {
    throw new MamlError(
      'ERR_MAML_YAML_ALIASES',
      `front matter aliases expand to more than ${walk.limits.maxYamlNodes} values`,
    );
  }
  throw new MamlError(
    'ERR_MAML_YAML_NODES',
    `front matter holds more than ${walk.limits.maxYamlNodes} values`,
  );
}

/** Records an error that leaves the front matter without data. */
function refuse(
  walk: Walk,
  code: MamlDiagnostic['code'],
  range: readonly number[] | null | undefined,
  message: string,
  hint: string,
): void {
  const [start = 0, end = start] = range ?? [];
  walk.diagnostics.push({
    code,
    severity: 'error',
    message,
    range: rangeAt(walk.locate, walk.base + start, walk.base + end),
    hint,
  });
  walk.fatal = true;
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

/** Why a key node is outside the subset (a plain or quoted scalar resolving to a non-empty string), or undefined. */
function keyProblem(key: Node | null): string | undefined {
  if (key === null || (isScalar(key) && key.value === null && !key.source))
    return 'a mapping key is empty (null)';
  if (isAlias(key)) return `a mapping key is the alias *${key.source}`;
  if (!isScalar(key)) return 'a mapping key is a collection';
  if (key.anchor !== undefined) return `a mapping key carries the anchor &${key.anchor}`;
  if (key.tag !== undefined) return `a mapping key carries the tag ${key.tag}`;
  if (typeof key.value !== 'string')
    return `the mapping key ${String(key.source ?? key.value)} is not a string`;
  if (key.value === '') return 'a mapping key is the empty string';
  if (key.value === '<<') return 'a mapping key is <<, a merge key to YAML 1.1 readers';
  const invisible = invisibleText(key.value, 'no tab');
  return invisible === undefined
    ? undefined
    : `the mapping key ${JSON.stringify(key.value)} holds ${invisible}`;
}

/** The string key of a pair, or undefined (with an error) when the key is outside the subset. */
function pairKey(walk: Walk, key: Node | null, value: Node | null): string | undefined {
  const problem = keyProblem(key);
  const range = key?.range ?? value?.range;
  if (problem !== undefined) {
    refuse(walk, 'MAML_YAML_KEY', range, problem, 'write the key as a plain or quoted string');
    return undefined;
  }
  const text = (key as Node & { value: string }).value;
  const [start = 0, end = start] = range ?? [];
  const length = Math.max(text.length, end - start);
  if (length > MAX_KEY_LENGTH) {
    walk.longKeys.add(start);
    refuse(
      walk,
      'MAML_YAML_KEY_TOO_LONG',
      range,
      `a mapping key is ${length} characters long (at most ${MAX_KEY_LENGTH})`,
      'shorten the key',
    );
    return undefined;
  }
  return text;
}

/** Records a field's location. */
function locateField(walk: Walk, path: MamlPath, key: Node | null, value: Node | null): void {
  const keyRange = key?.range ?? value?.range ?? [0, 0, 0];
  const valueRange = value?.range ?? [keyRange[1], keyRange[1], keyRange[1]];
  walk.fields.push({
    path,
    keyRange: rangeAt(walk.locate, walk.base + keyRange[0], walk.base + keyRange[1]),
    valueRange: rangeAt(walk.locate, walk.base + valueRange[0], walk.base + valueRange[1]),
  });
}

function convertMap(walk: Walk, node: Node & { items: unknown[] }, path: MamlPath, depth: number): unknown {
  const object: Record<string, unknown> = {};
  for (const pair of node.items as { key: Node | null; value: Node | null }[]) {
    const key = pairKey(walk, pair.key, pair.value);
    if (key === undefined) continue;
    const childPath = [...path, key];
    if (Object.hasOwn(object, key)) {
      walk.diagnostics.push({
        code: 'MAML_DUPLICATE_KEY',
        severity: 'error',
        message: `front matter repeats the key ${JSON.stringify(key)}`,
        range: rangeAt(
          walk.locate,
          walk.base + (pair.key?.range?.[0] ?? 0),
          walk.base + (pair.key?.range?.[1] ?? 0),
        ),
        path: childPath,
        hint: 'remove or rename one of the two keys',
      });
    }
    locateField(walk, childPath, pair.key, pair.value);
    putKey(object, key, convert(walk, pair.value, childPath, depth + 1));
  }
  return object;
}

function convertAlias(walk: Walk, node: Alias): unknown {
  if (++walk.aliases > walk.limits.maxYamlAliases) {
    throw new MamlError(
      'ERR_MAML_YAML_ALIASES',
      `front matter uses more than ${walk.limits.maxYamlAliases} aliases`,
    );
  }
  const target = node.resolve(walk.doc);
  if (target === undefined || !walk.values.has(target)) {
    refuse(
      walk,
      'MAML_YAML_ALIAS',
      node.range ?? undefined,
      target === undefined
        ? `the alias *${node.source} has no anchor &${node.source} before it`
        : `the alias *${node.source} is inside the node it names`,
      'anchor the value before the alias, or write the value out',
    );
    return null;
  }
  count(walk, subtreeSize(walk, target), true);
  return walk.values.get(target);
}

function convert(walk: Walk, node: Node | null, path: MamlPath, depth: number): unknown {
  if (node === null) return null;
  if (isAlias(node)) return convertAlias(walk, node);
  if ((isMap(node) || isSeq(node)) && depth >= walk.limits.maxNestingDepth) {
    throw new MamlError(
      'ERR_MAML_NESTING_DEPTH',
      `front matter nests deeper than ${walk.limits.maxNestingDepth} levels`,
    );
  }
  if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
    refuse(
      walk,
      'MAML_YAML_TAG',
      node.range ?? undefined,
      `the tag ${node.tag} is not one of the YAML core schema's`,
      'remove the tag (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are read)',
    );
  }
  count(walk, 1);
  let value: unknown;
  if (isMap(node)) value = convertMap(walk, node, path, depth);
  else if (isSeq(node)) {
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
  if (issue.code === 'KEY_OVER_1024_CHARS') {
    return {
      code: 'MAML_YAML_KEY_TOO_LONG',
      severity: 'error',
      message: `a mapping key is longer than ${MAX_KEY_LENGTH} characters`,
      range,
      hint: 'shorten the key',
    };
  }
  if (issue.code === 'TAG_RESOLVE_FAILED') {
    return { code: 'MAML_YAML_TAG', severity: 'error', message, range, hint: 'remove the tag' };
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

/** Reads the YAML with the full `yaml` parser (after the structure pre-check) within the front matter subset. */
export function readYaml(raw: string, base: number, locate: Locate, limits: MamlLimits): Read {
  const { explicitKeys } = scanYamlStructure(raw, limits.maxNestingDepth);
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
    longKeys: new Set(),
    nodes: 0,
    aliases: 0,
    fatal: doc.errors.some((e) => e.code !== 'DUPLICATE_KEY'),
  };
  for (const at of explicitKeys) {
    refuse(
      walk,
      'MAML_YAML_KEY',
      [at, at + 1],
      'an explicit key (?) is outside the front matter subset',
      'write key: value',
    );
  }
  const lineBreak = AMBIGUOUS_LINE_BREAK.exec(raw);
  if (lineBreak !== null) {
    walk.diagnostics.push({
      code: 'MAML_YAML_LINE_BREAK',
      severity: 'error',
      message: `U+${lineBreak[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is a line break to YAML 1.1 readers and not to YAML 1.2`,
      range: rangeAt(locate, base + lineBreak.index, base + lineBreak.index + 1),
      hint: 'remove the character or write it as an escape in a double-quoted string',
    });
  }
  const value = convert(walk, doc.contents, [], 0);
  // convert() reports unknown tags itself, and the long keys it found.
  const diagnostics = [
    ...doc.errors
      .filter((e) => !(e.code === 'KEY_OVER_1024_CHARS' && walk.longKeys.has(e.pos[0])))
      .map((e) => yamlDiagnostic(walk, e, false)),
    ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED').map((w) => yamlDiagnostic(walk, w, true)),
    ...walk.diagnostics,
  ];
  return { value, fatal: walk.fatal, fields: walk.fields, diagnostics };
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
