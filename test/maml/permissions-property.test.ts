import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPermission } from '../../src/maml/index.js';
import { granting } from './permission-fixtures.js';

const allows = (patterns: readonly string[], principal: string) =>
  checkPermission(granting('execute', patterns), 'execute', principal);

// ---------------------------------------------------------------------------------------------
// A reference model of the matching rules, written independently of src/: segment-wise
// recursion, and a regular expression for a `*` inside one name.

const escapeRegExp = (text: string) => text.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');

function nameMatches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  const [prefix = '', suffix] = pattern.split('*');
  if (suffix === undefined) return pattern === name;
  return new RegExp(`^${escapeRegExp(prefix)}[^.:@%]+${escapeRegExp(suffix)}$`).test(name);
}

function segmentsMatch(pattern: readonly string[], segments: readonly string[]): boolean {
  const [head, ...rest] = pattern;
  if (head === undefined) return segments.length === 0;
  if (head === '**') {
    return (
      segmentsMatch(rest, segments) || (segments.length > 0 && segmentsMatch(pattern, segments.slice(1)))
    );
  }
  const [first, ...others] = segments;
  return first !== undefined && nameMatches(head, first) && segmentsMatch(rest, others);
}

interface Shape {
  readonly host: readonly string[];
  readonly segments: readonly string[];
}

const model = (pattern: Shape, principal: Shape): boolean =>
  pattern.host.length === principal.host.length &&
  pattern.host.every((label, i) => nameMatches(label, principal.host[i] ?? '')) &&
  segmentsMatch(pattern.segments, principal.segments);

const write = (shape: Shape) =>
  `agent://${shape.host.join('.')}${shape.segments.map((s) => `/${s}`).join('')}`;

// Names small enough that patterns and principals often meet.
const label = fc.constantFrom('a', 'b', 'ab', 'a-b', 'x_1', 'xn--caf-dma');
const segment = fc.constantFrom(
  'a',
  'b',
  'ab',
  'a.b',
  'a:b',
  'a@b',
  'b~',
  'caf%C3%A9',
  'a%3Ab',
  'a%40b',
  "a!$&'()+,;=",
);
const labelGlob = fc.constantFrom('*', 'a*', '*b', 'a*b', 'x*');
const segmentGlob = fc.constantFrom('*', '**', 'a*', '*b', 'a*b', 'a.*', '*:b');

const patternShape: fc.Arbitrary<Shape> = fc.record({
  host: fc.tuple(fc.oneof(label, labelGlob), fc.array(label, { maxLength: 2 })).map(([l, ls]) => [l, ...ls]),
  segments: fc.array(fc.oneof(segment, segmentGlob), { maxLength: 5 }),
});

/** A principal built from the pattern, its wildcards filled in, so that matches are common. */
const fill = fc.constantFrom('a', 'b', 'zz', 'a.b', 'q@r', 'x:y', '%3Ax', 'q%40r', '%25');
function instantiate(pattern: Shape, fills: readonly string[], counts: readonly number[]): Shape {
  let next = 0;
  const take = () => fills[next++ % fills.length] ?? 'a';
  const name = (p: string, inHost: boolean) => {
    const filled = p.replace('*', () => take());
    return inHost ? filled.replaceAll(/[^\w-]/g, '') || 'a' : filled;
  };
  return {
    host: pattern.host.map((l) => name(l, true)),
    segments: pattern.segments.flatMap((s, i) =>
      s === '**' ? Array.from({ length: counts[i % counts.length] ?? 0 }, take) : [name(s, false)],
    ),
  };
}

const principalShape = (pattern: Shape): fc.Arbitrary<Shape> =>
  fc.oneof(
    fc.record({
      host: fc.array(label, { minLength: 1, maxLength: 3 }),
      segments: fc.array(segment, { maxLength: 6 }),
    }),
    fc
      .tuple(
        fc.array(fill, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }),
      )
      .map(([fills, counts]) => instantiate(pattern, fills, counts)),
  );

describe('permission matching agrees with a segment-wise reference model', () => {
  it('item 7: for generated patterns and principals, checkPermission decides as the model', () => {
    const outcomes = new Set<boolean>();
    fc.assert(
      fc.property(
        patternShape.chain((pattern) => fc.tuple(fc.constant(pattern), principalShape(pattern))),
        fc.boolean(),
        ([pattern, principal], upper) => {
          const text = write(principal);
          const principalText = upper ? text.replace(/^[^/]+\/\/[^/]*/, (head) => head.toUpperCase()) : text;
          const decision = allows([write(pattern)], principalText);
          const wanted = model(pattern, principal);
          outcomes.add(wanted);
          expect(decision.allowed, `${write(pattern)} vs ${principalText}: ${decision.reason}`).toBe(wanted);
        },
      ),
      { numRuns: 1500 },
    );
    expect([...outcomes].sort()).toEqual([false, true]);
  });
});

// ---------------------------------------------------------------------------------------------
// Whatever is injected into an otherwise valid principal, the principal is refused.

const hiddenCharacters = fc.oneof(
  fc.integer({ min: 0x00, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0xa0 }),
  fc.constantFrom(0xad, 0x34f, 0x61c, 0x115f, 0x1160, 0x1680, 0x17b4, 0x180e, 0x3000, 0x3164, 0xfeff, 0xffa0),
  fc.integer({ min: 0x2000, max: 0x200f }),
  fc.integer({ min: 0x2028, max: 0x202f }),
  fc.integer({ min: 0x205f, max: 0x206f }),
  fc.integer({ min: 0xfe00, max: 0xfe0f }),
  fc.integer({ min: 0xfff0, max: 0xfffb }),
  fc.integer({ min: 0xe0000, max: 0xe01ef }),
);

const injection: fc.Arbitrary<{ at: 'segment' | 'inside' | 'authority'; text: string }> = fc.oneof(
  fc
    .constantFrom(
      '.',
      '..',
      '%2e',
      '%2E',
      '%2e%2e',
      '%2E%2E',
      '.%2e',
      '%2E.',
      '%2e.',
      '%EF%BC%8E',
      '%EF%BC%8E%EF%BC%8E',
      '.%EF%BC%8E',
      '%E2%80%A4',
      '%E2%80%A5',
    )
    .map((text) => ({
      at: 'segment' as const,
      text,
    })),
  fc
    .constantFrom(
      '%2f',
      '%2F',
      '%5c',
      '%5C',
      '\\',
      '#',
      '#x',
      '?#',
      '%',
      '%g0',
      '%C0%AE',
      '%ED%A0%80',
      '%252e',
      '%252F',
      '%255c',
      '%2541',
      '%EF%BC%8F',
      '%EF%BC%BC',
      'e%CC%81',
      '*',
    )
    .map((text) => ({ at: 'inside' as const, text })),
  hiddenCharacters.chain((code) => {
    const c = String.fromCodePoint(code);
    return fc.constantFrom(
      { at: 'inside' as const, text: c },
      { at: 'inside' as const, text: encodeURIComponent(c) },
      { at: 'authority' as const, text: c },
    );
  }),
  fc.constantFrom('u@', 'user:pass@', '@', 'a@b.').map((text) => ({ at: 'authority' as const, text })),
);

describe('principals with hidden structure are refused', () => {
  it('item 7: injected dot segments, encoded separators, userinfo and invisible characters are refused', () => {
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 2 }),
        fc.array(fc.constantFrom('a', 'bc', 'd-e'), { minLength: 1, maxLength: 4 }),
        injection,
        fc.nat(),
        fc.nat(),
        (host, segments, { at, text }, where, offset) => {
          const i = where % segments.length;
          const hostText = at === 'authority' ? `${text}${host.join('.')}` : host.join('.');
          const path = segments.map((s, j) => {
            if (j !== i) return s;
            if (at === 'segment') return text;
            const cut = offset % (s.length + 1);
            return at === 'inside' ? `${s.slice(0, cut)}${text}${s.slice(cut)}` : s;
          });
          const principal = `agent://${hostText}/${path.join('/')}`;
          const decision = allows(['agent://*/**', 'agent://**', 'agent://*.*/**'], principal);
          expect(decision.allowed, principal).toBe(false);
          expect(decision.reason, principal).toMatch(/is refused/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Nothing a pattern under /a/ admits resolves outside /a/ (RFC 3986 section 5.2.4).

function removeDotSegments(path: string): string {
  const output: string[] = [];
  for (const part of path.split('/').slice(1)) {
    if (part === '..') output.pop();
    else if (part !== '.') output.push(part);
  }
  return `/${output.join('/')}`;
}

/**
 * The path a lenient consumer would open: percent-decoded until nothing changes (double
 * decoding), compatibility characters folded (NFKC: full-width dots and solidus), backslashes
 * as slashes, dots removed.
 */
function resolvedPath(principal: string): string {
  let decoded = principal.slice('fs://'.length).split(/[?#]/)[0] ?? '';
  for (let round = 0; round < 3; round++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // keep the text: a consumer that cannot decode it reads it as written
    }
  }
  return removeDotSegments(decoded.normalize('NFKC').replaceAll('\\', '/'));
}

const pathToken = fc.constantFrom(
  'b',
  'c.d',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2f',
  '%5c',
  '/',
  '//',
  '\\',
  '%25',
  '2e',
  '%EF%BC%8E',
  '%EF%BC%8F',
  '%C0%AE',
  '?',
  '#',
  '@',
  ';',
);

describe('a pattern under /a/ never admits a path outside it', () => {
  it('item 7: no principal matched by fs:///a/* or fs:///a/** escapes /a/ after dot-segment removal', () => {
    let admitted = 0;
    fc.assert(
      fc.property(fc.array(pathToken, { minLength: 1, maxLength: 8 }), (tokens) => {
        const principal = `fs:///a/${tokens.join('')}`;
        const resolved = resolvedPath(principal);
        if (allows(['fs:///a/*'], principal).allowed) {
          admitted++;
          expect(resolved, principal).toMatch(/^\/a\/[^/]+$/);
        }
        if (allows(['fs:///a/**'], principal).allowed) {
          expect(resolved === '/a' || resolved.startsWith('/a/'), principal).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(admitted).toBeGreaterThan(0);
  });
});
