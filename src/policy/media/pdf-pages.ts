/** Result of {@link countPdfPages}. */
export interface PdfPageCount {
  /** Pages found: the larger of the page objects and the page tree's `/Count`. */
  readonly pages: number;
  /**
   * `false` when the file has compressed object streams (`/ObjStm`, PDF 1.5+), where page
   * objects can hide: `pages` is then a lower bound.
   */
  readonly complete: boolean;
}

/** Characters around a `/Type /Pages` name searched for its `/Count`. */
const COUNT_WINDOW = 512;

const PAGE = /\/Type\s*\/Page(?![A-Za-z0-9])/g;
const PAGES = /\/Type\s*\/Pages(?![A-Za-z0-9])/g;
const COUNT = /\/Count\s+(\d{1,9})(?!\d)/g;

function decodeBase64(data: string): string | undefined {
  try {
    return atob(data);
  } catch {
    return undefined;
  }
}

/**
 * Counts the pages of a PDF given as base64 (the way request bodies carry it) or as a binary
 * string, without a PDF parser: the page objects (`/Type /Page`) and the `/Count` of the page
 * tree nodes (`/Type /Pages`), taking the larger, which errs towards more pages (an incremental
 * update that rewrites a page counts it twice). One linear pass; `undefined` when the data is
 * not a PDF or not valid base64, or no page is found at all.
 *
 * @example
 * ```ts
 * import { countPdfPages } from 'mamlkit/policy';
 * countPdfPages(base64Pdf); // { pages: 12, complete: true }
 * ```
 */
export function countPdfPages(
  pdf: string,
  encoding: 'base64' | 'binary' = 'base64',
): PdfPageCount | undefined {
  const text = encoding === 'base64' ? decodeBase64(pdf) : pdf;
  if (text?.startsWith('%PDF-') !== true) return undefined;
  let objects = 0;
  for (PAGE.lastIndex = 0; PAGE.exec(text) !== null;) objects++;
  let tree = 0;
  PAGES.lastIndex = 0;
  for (let m = PAGES.exec(text); m !== null; m = PAGES.exec(text)) {
    const window = text.slice(Math.max(0, m.index - COUNT_WINDOW), m.index + COUNT_WINDOW);
    for (const c of window.matchAll(COUNT)) tree = Math.max(tree, Number(c[1]));
  }
  const pages = Math.max(objects, tree);
  return pages === 0 ? undefined : { pages, complete: !text.includes('/ObjStm') };
}
