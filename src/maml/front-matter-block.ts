import { lineContentEnd } from './markdown.js';

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
