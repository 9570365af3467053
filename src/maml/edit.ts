import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { MamlError } from './errors.js';
import { YAML_OPTIONS } from './front-matter.js';
import { parseMaml } from './parse.js';
import type { MamlDocument, MamlPath } from './types.js';

const PLAIN_KEY = /^[a-z_][\w-]*$/i;

/**
 * Returns the document with `source[start, end)` replaced by `text`, parsed again with the
 * same limits. Every other byte is kept.
 *
 * @example
 * ```ts
 * import { parseMaml, spliceMaml } from 'mamlkit/maml';
 * const doc = parseMaml('# Title\n');
 * spliceMaml(doc, 2, 7, 'Name').source; // '# Name\n'
 * ```
 */
export function spliceMaml(document: MamlDocument, start: number, end: number, text: string): MamlDocument {
  const { source } = document;
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    start < 0 ||
    end < start ||
    end > source.length
  ) {
    throw new MamlError('ERR_INVALID_ARGUMENT', `invalid range ${start}..${end}`);
  }
  return parseMaml(source.slice(0, start) + text + source.slice(end), document.limits);
}

/** The value as YAML flow text (JSON, which YAML 1.2 reads as is). */
function flowText(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'number' && !Number.isFinite(item)) throw badValue('a non-finite number');
    if (
      item === undefined ||
      typeof item === 'function' ||
      typeof item === 'symbol' ||
      typeof item === 'bigint'
    ) {
      throw badValue(`a ${typeof item}`);
    }
    return item;
  });
  return text;
}

function badValue(what: string): MamlError {
  return new MamlError('ERR_INVALID_ARGUMENT', `a front matter value cannot be ${what}`);
}

function keyText(key: string | number): string {
  return typeof key === 'string' && PLAIN_KEY.test(key) ? key : JSON.stringify(String(key));
}

function nest(path: MamlPath, value: unknown): unknown {
  let nested = value;
  for (let i = path.length - 1; i >= 0; i--) nested = { [String(path[i])]: nested };
  return nested;
}

function toPath(path: string | MamlPath): MamlPath {
  const parts = typeof path === 'string' ? path.split('.') : path;
  if (
    parts.length === 0 ||
    parts.some((p) => (typeof p === 'string' ? p === '' : !Number.isSafeInteger(p) || p < 0))
  ) {
    throw new MamlError('ERR_INVALID_ARGUMENT', 'a front matter path needs one or more non-empty keys');
  }
  return parts;
}

function trimEnd(source: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(source[e - 1] ?? '')) e--;
  return e;
}

/**
 * Sets a front matter field and returns the new document; only the lines of that field
 * change (a missing field is added as a new line at the end of its mapping, a missing
 * front matter is created). Values are written as YAML flow (JSON) text. `path` is a
 * dotted string or an array of keys and sequence indexes.
 *
 * @throws {MamlError} `ERR_INVALID_ARGUMENT` for a bad path or a value JSON cannot
 *   represent; `ERR_MAML_EDIT` when the front matter has YAML errors or the path runs
 *   through a scalar.
 * @example
 * ```ts
 * import { parseMaml, setFrontMatterField } from 'mamlkit/maml';
 * const doc = parseMaml('---\nmaml_version: "2.0.0"\nid: urn:uuid:…\n---\n## Intent\n');
 * setFrontMatterField(doc, 'permissions.execute', ['gateway://prod']).frontMatter?.raw;
 * // 'maml_version: "2.0.0"\nid: urn:uuid:…\npermissions: {"execute":["gateway://prod"]}\n'
 * ```
 */
export function setFrontMatterField(
  document: MamlDocument,
  path: string | MamlPath,
  value: unknown,
): MamlDocument {
  const keys = toPath(path);
  const text = flowText(value);
  const eol = document.lineEnding;
  const fm = document.frontMatter;
  if (fm === undefined) {
    if (typeof keys[0] === 'number')
      throw new MamlError('ERR_MAML_EDIT', 'the front matter is a mapping: start the path with a key');
    const start = document.bodyOffset;
    const line = `${keyText(keys[0] ?? '')}: ${keys.length === 1 ? text : flowText(nest(keys.slice(1), value))}`;
    return spliceMaml(document, start, start, `---${eol}${line}${eol}---${eol}`);
  }
  if (fm.data === undefined)
    throw new MamlError('ERR_MAML_EDIT', 'cannot edit front matter that has YAML errors');
  const base = fm.contentRange.start.offset;
  const doc = parseDocument(fm.raw, YAML_OPTIONS);
  let node = doc.contents as Node | null;
  for (let depth = 0; depth < keys.length; depth++) {
    const key = keys[depth] ?? '';
    const last = depth === keys.length - 1;
    const rest = keys.slice(depth + 1);
    const replacement = last ? text : flowText(nest(rest, value));
    if (typeof key === 'number') {
      if (!isSeq(node))
        throw new MamlError('ERR_MAML_EDIT', `${keys.slice(0, depth).join('.')} is not a sequence`);
      const item = node.items[key] as Node | undefined;
      if (item?.range == null)
        throw new MamlError('ERR_MAML_EDIT', `no item ${key} in ${keys.slice(0, depth).join('.')}`);
      if (!last && (isMap(item) || isSeq(item))) {
        node = item;
        continue;
      }
      return spliceMaml(
        document,
        base + item.range[0],
        base + trimEnd(fm.raw, item.range[0], item.range[1]),
        replacement,
      );
    }
    if (node === null && depth === 0) {
      return spliceMaml(document, base, base, `${keyText(key)}: ${replacement}${eol}`);
    }
    if (!isMap(node))
      throw new MamlError('ERR_MAML_EDIT', `${keys.slice(0, depth).join('.')} is not a mapping`);
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as
      Pair<Node, Node | null> | undefined;
    if (pair === undefined) {
      if (node.flow === true && node.range) {
        const merged = {
          ...(doc.getIn(keys.slice(0, depth)) as { toJSON(): object }).toJSON(),
          [key]: JSON.parse(replacement) as unknown,
        };
        return spliceMaml(document, base + node.range[0], base + node.range[1], flowText(merged));
      }
      return insertPair(document, fm.raw, base, node.items, `${keyText(key)}: ${replacement}`);
    }
    const child = pair.value;
    if (!last && (isMap(child) || isSeq(child))) {
      node = child;
      continue;
    }
    if (!last && child !== null && !(isScalar(child) && child.value === null)) {
      throw new MamlError(
        'ERR_MAML_EDIT',
        `${keys.slice(0, depth + 1).join('.')} is a scalar, not a mapping`,
      );
    }
    const keyEnd = pair.key.range?.[1] ?? 0;
    const valueEnd = child?.range ? trimEnd(fm.raw, keyEnd, child.range[1]) : fm.raw.indexOf(':', keyEnd) + 1;
    return spliceMaml(document, base + keyEnd, base + valueEnd, `: ${replacement}`);
  }
  throw new MamlError('ERR_MAML_EDIT', 'empty path');
}

/** Adds `line` as the last pair of a block mapping, at the indentation of its first key. */
function insertPair(
  document: MamlDocument,
  raw: string,
  base: number,
  items: readonly Pair[],
  line: string,
): MamlDocument {
  const first = items[0]?.key as Node | undefined;
  const lastPair = items[items.length - 1];
  const lastNode = (lastPair?.value ?? lastPair?.key) as Node | null | undefined;
  const firstStart = first?.range?.[0] ?? 0;
  const indent = firstStart - (raw.lastIndexOf('\n', firstStart - 1) + 1);
  const end = lastNode?.range?.[2] ?? raw.length;
  const lineEnd = raw.indexOf('\n', Math.max(end - 1, 0));
  const at = lineEnd === -1 ? raw.length : lineEnd + 1;
  const prefix = at > 0 && raw[at - 1] !== '\n' && raw[at - 1] !== '\r' ? document.lineEnding : '';
  return spliceMaml(
    document,
    base + at,
    base + at,
    `${prefix}${' '.repeat(indent)}${line}${document.lineEnding}`,
  );
}
