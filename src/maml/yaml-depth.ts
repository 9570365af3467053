import { MamlError } from './errors.js';

const FLOW_START_AFTER = new Set([':', '-', ',', '[', '{', '?', '']);

/**
 * Rejects YAML whose nesting is certainly too deep before the YAML parser sees it (the
 * parser's cost grows quickly with depth). Conservative bounds: a line's structural
 * prefix (indentation and `- `, `? `, `: ` indicators) may be at most four columns per
 * allowed level, and flow collections (`[`, `{` where a value starts) at most
 * `maxDepth` deep. The exact depth is checked again on the parsed tree.
 */
export function assertYamlDepthBound(yaml: string, maxDepth: number): void {
  const maxPrefix = maxDepth * 4;
  let flow = 0;
  let lineStart = 0;
  while (lineStart <= yaml.length) {
    let lineEnd = yaml.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = yaml.length;
    let p = lineStart;
    while (p < lineEnd) {
      const c = yaml[p];
      if (
        c === ' ' ||
        c === '\t' ||
        ((c === '-' || c === '?' || c === ':') && /[ \t]/.test(yaml[p + 1] ?? ' '))
      )
        p++;
      else break;
    }
    if (p - lineStart > maxPrefix) tooDeep(maxDepth);
    let previous = '';
    let quote = '';
    for (; p < lineEnd; p++) {
      const c = yaml[p] ?? '';
      if (quote !== '') {
        if (c === quote) quote = '';
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (c === '#' && /[ \t]/.test(yaml[p - 1] ?? ' ')) break;
      if ((c === '"' || c === "'") && FLOW_START_AFTER.has(previous)) quote = c;
      else if ((c === '[' || c === '{') && FLOW_START_AFTER.has(previous)) {
        if (++flow > maxDepth) tooDeep(maxDepth);
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      previous = c;
    }
    lineStart = lineEnd + 1;
  }
}

function tooDeep(maxDepth: number): never {
  throw new MamlError('ERR_MAML_NESTING_DEPTH', `front matter nests deeper than ${maxDepth} levels`);
}
