/**
 * Link checking for the Markdown docs: which links a file holds, which anchors its headings
 * define (GitHub's slugs), and which relative links point at nothing.
 */
import { Parser, type Node } from 'commonmark';

/** A link as written in a Markdown file. */
export interface MarkdownLink {
  readonly target: string;
  readonly line: number;
}

/** What one Markdown file offers and asks for. */
export interface MarkdownFacts {
  readonly links: readonly MarkdownLink[];
  /** Heading slugs (with GitHub's `-1`, `-2` suffixes for repeats) and explicit `id`/`name` anchors. */
  readonly anchors: ReadonlySet<string>;
}

const STRIPPED = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;
const HTML_ANCHOR = /<a\s[^>]*?\b(?:id|name)="([^"]+)"/gi;
const HTML_HREF = /<a\s[^>]*?\bhref="([^"]+)"/gi;

/** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(text: string): string {
  return text.trim().toLowerCase().replace(STRIPPED, '').replaceAll(' ', '-');
}

function textOf(node: Node): string {
  let text = '';
  const walker = node.walker();
  for (let step = walker.next(); step !== null; step = walker.next()) {
    if (step.entering && (step.node.type === 'text' || step.node.type === 'code')) {
      text += step.node.literal ?? '';
    }
  }
  return text;
}

function htmlMatches(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** Parses Markdown (CommonMark) and collects its links and anchors; code is ignored. */
export function markdownFacts(markdown: string): MarkdownFacts {
  const links: MarkdownLink[] = [];
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const walker = new Parser().parse(markdown).walker();
  let line = 1;
  for (let step = walker.next(); step !== null; step = walker.next()) {
    const { node, entering } = step;
    if (!entering) continue;
    // Only block nodes carry a position: links report the line their block starts on.
    line = (node.sourcepos as typeof node.sourcepos | undefined)?.[0][0] ?? line;
    if ((node.type === 'link' || node.type === 'image') && node.destination !== null) {
      links.push({ target: node.destination, line });
    } else if (node.type === 'heading') {
      const base = githubSlug(textOf(node));
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    } else if (node.type === 'html_inline' || node.type === 'html_block') {
      const html = node.literal ?? '';
      for (const id of htmlMatches(html, HTML_ANCHOR)) anchors.add(id);
      for (const target of htmlMatches(html, HTML_HREF)) links.push({ target, line });
    }
  }
  return { links, anchors };
}

/** Whether a link leaves the repository (a scheme such as `https:` or `mailto:`). */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(target);
}

/** Splits `path#anchor` (query dropped, percent-escapes decoded). */
export function splitTarget(target: string): { readonly path: string; readonly anchor: string } {
  const hash = target.indexOf('#');
  const beforeHash = hash === -1 ? target : target.slice(0, hash);
  const query = beforeHash.indexOf('?');
  const path = decodeURI(query === -1 ? beforeHash : beforeHash.slice(0, query));
  return { path, anchor: hash === -1 ? '' : decodeURIComponent(target.slice(hash + 1)) };
}
