import { CST, Lexer } from 'yaml';
import { MamlError } from './errors.js';

/** What {@link scanYamlStructure} learns from the tokens: where explicit keys (`?`) are. */
export interface YamlStructure {
  /** Offsets of the `?` explicit key indicators, block or flow. */
  readonly explicitKeys: readonly number[];
}

/** Tokens the lexer emits that stand for no source text. */
const CONTROL = new Set(['doc-mode', 'flow-error-end', 'scalar']);

/**
 * Reads the tokens of `yaml` with the `yaml` package's own lexer (linear, no recursion) before
 * its parser sees them, and throws `ERR_MAML_NESTING_DEPTH` when the collections certainly nest
 * deeper than `maxDepth` (the parser's cost and stack grow with depth). Scalars are single
 * tokens, so block scalars and multi-line quoted or plain scalars never count as structure.
 * The count is a lower bound of the real depth: each `-` or `?` indicator and each implicit key
 * opens a block collection at its column (one at a deeper column than the last still open),
 * each `[` or `{` a flow collection. The exact depth is checked again on the parsed tree.
 */
export function scanYamlStructure(yaml: string, maxDepth: number): YamlStructure {
  const explicitKeys: number[] = [];
  const columns: number[] = [];
  let flow = 0;
  let offset = 0;
  let column = 0;
  let nodeStart = -1;
  let scalarSource = false;
  const open = (at: number): void => {
    while ((columns[columns.length - 1] ?? -1) >= at) columns.pop();
    columns.push(at);
    if (columns.length + flow > maxDepth) tooDeep(maxDepth);
  };
  for (const token of new Lexer().lex(yaml)) {
    const type: string | null = scalarSource ? 'scalar-source' : CST.tokenType(token);
    scalarSource = type === 'scalar';
    if (type === 'flow-error-end') flow = 0;
    if (type !== null && CONTROL.has(type)) continue;
    const start = column;
    const at = offset;
    offset += token.length;
    const newline = token.lastIndexOf('\n');
    column = newline === -1 ? column + token.length : token.length - newline - 1;
    if (type === 'space' || type === 'comment' || type === 'byte-order-mark') continue;
    if (type === 'newline' || type === 'doc-start' || type === 'doc-end') {
      if (type !== 'newline') columns.length = 0;
      nodeStart = -1;
      continue;
    }
    if (nodeStart === -1) nodeStart = start;
    if (type === 'explicit-key-ind') explicitKeys.push(at);
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      if (++flow + columns.length > maxDepth) tooDeep(maxDepth);
    } else if ((type === 'flow-seq-end' || type === 'flow-map-end') && flow > 0) flow--;
    else if (flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind')) {
      open(start);
      nodeStart = -1;
    } else if (flow === 0 && type === 'map-value-ind') {
      open(nodeStart);
      nodeStart = -1;
    }
  }
  return { explicitKeys };
}

function tooDeep(maxDepth: number): never {
  throw new MamlError('ERR_MAML_NESTING_DEPTH', `front matter nests deeper than ${maxDepth} levels`);
}
