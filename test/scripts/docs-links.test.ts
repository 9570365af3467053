import { describe, expect, it } from 'vitest';
import { githubSlug, isExternal, markdownFacts, splitTarget } from '../../scripts/docs-links.js';

describe('githubSlug', () => {
  it('lower-cases, drops punctuation and joins words with hyphens', () => {
    expect(githubSlug('Why does my 429 not retry?')).toBe('why-does-my-429-not-retry');
    expect(githubSlug('`authorizeExecution(source, options)`')).toBe('authorizeexecutionsource-options');
    expect(githubSlug('DEFAULT_SIGNING_ALGORITHM')).toBe('default_signing_algorithm');
    expect(githubSlug('Is this 2048-bit?')).toBe('is-this-2048-bit');
  });
});

describe('markdownFacts', () => {
  it('collects links, numbered repeated headings and HTML anchors, and ignores code', () => {
    const facts = markdownFacts(
      [
        '# Title',
        '',
        'See [guide](guide/x.md#setup) and ![img](a.png).',
        '',
        '## Setup',
        '## Setup',
        '<a id="custom"></a>',
        '',
        '```md',
        '[not a link](missing.md)',
        '```',
        '',
        'Inline `[code](missing.md)` and <a href="other.md">html</a>.',
      ].join('\n'),
    );
    expect(facts.links).toEqual([
      { target: 'guide/x.md#setup', line: 3 },
      { target: 'a.png', line: 3 },
      { target: 'other.md', line: 13 },
    ]);
    expect([...facts.anchors].sort()).toEqual(['custom', 'setup', 'setup-1', 'title']);
  });
});

describe('link targets', () => {
  it('tells external links from relative ones and splits anchors', () => {
    expect(isExternal('https://example.com/x')).toBe(true);
    expect(isExternal('mailto:a@example.com')).toBe(true);
    expect(isExternal('../docs/index.md')).toBe(false);
    expect(splitTarget('docs/a%20b.md?plain=1#faq')).toEqual({ path: 'docs/a b.md', anchor: 'faq' });
    expect(splitTarget('#only-anchor')).toEqual({ path: '', anchor: 'only-anchor' });
  });
});
