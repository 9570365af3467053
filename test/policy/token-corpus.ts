import { readdirSync, readFileSync } from 'node:fs';

/**
 * The seeded token corpus (test/vectors/policy/tokens/README.md): a calibration set and a
 * held-out set, each one document per category, generated from self-written samples with a
 * seeded random source. The two sets use different seeds and disjoint halves of the prose
 * samples, so the held-out set is text the weights were never fitted on.
 */

/** Which set: `calibration` fits the weights, `heldOut` tests them. */
export type CorpusSet = 'calibration' | 'heldOut';

/** One generated document. */
export interface CorpusDocument {
  readonly category: string;
  readonly text: string;
}

const SEEDS: Record<CorpusSet, number> = { calibration: 0x5eed_0001, heldOut: 0x5eed_0002 };

/** Code units per generated document. */
const DOCUMENT_LENGTH = 40_000;

const samplesDir = new URL('../vectors/policy/tokens/samples/', import.meta.url);

/** A small seeded random source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

type Random = () => number;
const int = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Lines of a sample file that belong to `set`: even lines calibrate, odd lines are held out. */
function sampleLines(name: string, set: CorpusSet): string[] {
  const lines = readFileSync(new URL(`${name}.txt`, samplesDir), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
  return lines.filter((_, i) => i % 2 === (set === 'calibration' ? 0 : 1));
}

/** Fills a document up to {@link DOCUMENT_LENGTH} with pieces from `next`. */
function fill(next: () => string): string {
  const parts: string[] = [];
  let length = 0;
  while (length < DOCUMENT_LENGTH) {
    const part = next();
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** Prose: the sample lines, then sentences of their words (or characters, without spaces) recombined. */
function prose(random: Random, lines: readonly string[]): string {
  const spaced = lines.some((line) => line.split(' ').length > 3);
  const words = lines.flatMap((line) => (spaced ? line.split(' ') : Array.from(line)));
  let first = true;
  return fill(() => {
    if (first) {
      first = false;
      return `${lines.join('\n')}\n\n`;
    }
    const count = int(random, 4, spaced ? 18 : 30);
    const sentence = Array.from({ length: count }, () => pick(random, words)).join(spaced ? ' ' : '');
    return sentence + (random() < 0.15 ? '\n\n' : spaced ? ' ' : '');
  });
}

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of `bytes`, with padding. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[(n >> 18) & 63] as string;
    out += BASE64[(n >> 12) & 63] as string;
    out += i + 1 < bytes.length ? (BASE64[(n >> 6) & 63] as string) : '=';
    out += i + 2 < bytes.length ? (BASE64[n & 63] as string) : '=';
  }
  return out;
}

function hex(bytes: Uint8Array, upper: boolean): string {
  const out = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return upper ? out.toUpperCase() : out;
}

function identifier(random: Random, words: readonly string[], style: 'camel' | 'snake' | 'short'): string {
  const parts = Array.from({ length: int(random, 1, 3) }, () =>
    pick(random, words)
      .toLowerCase()
      .replace(/[^a-z]/g, ''),
  ).filter((w) => w.length > 0);
  if (style === 'short') return pick(random, ['a', 'b', 'c', 'e', 'n', 'r', 't', 'i', 'o', 's', 'u', 'x']);
  if (style === 'snake') return parts.join('_') || 'value';
  return parts.map((w, i) => (i === 0 ? w : `${w.charAt(0).toUpperCase()}${w.slice(1)}`)).join('') || 'value';
}

function typescript(random: Random, words: readonly string[]): string {
  return fill(() => {
    const name = identifier(random, words, 'camel');
    const arg = identifier(random, words, 'camel');
    const field = identifier(random, words, 'camel');
    const n = int(random, 0, 5000);
    return pick(random, [
      `export function ${name}(${arg}: readonly string[], limit = ${n}): number {\n  let total = 0;\n  for (const item of ${arg}) {\n    if (item.length > limit) throw new RangeError(\`\${item} is too long\`);\n    total += item.length;\n  }\n  return total;\n}\n\n`,
      `interface ${name[0]?.toUpperCase()}${name.slice(1)}Options {\n  readonly ${field}?: number;\n  readonly ${arg}: string | undefined;\n}\n\n`,
      `const ${name} = await fetch(\`https://api.example.com/v1/${field}?page=${n}\`, { method: 'POST', headers: { 'content-type': 'application/json' } });\nif (!${name}.ok) console.error('request failed', ${name}.status);\n\n`,
      `  // ${pick(random, words)} ${pick(random, words)} ${pick(random, words)}\n  ${field} = ${arg}.map((x) => x * ${n}).filter(Boolean);\n`,
    ]);
  });
}

function python(random: Random, words: readonly string[]): string {
  return fill(() => {
    const name = identifier(random, words, 'snake');
    const arg = identifier(random, words, 'snake');
    const n = int(random, 0, 900);
    return pick(random, [
      `def ${name}(${arg}: list[str], limit: int = ${n}) -> dict[str, int]:\n    """Count ${pick(random, words)} per ${pick(random, words)}."""\n    result = {}\n    for item in ${arg}:\n        if len(item) > limit:\n            raise ValueError(f"{item!r} is too long")\n        result[item] = result.get(item, 0) + 1\n    return result\n\n\n`,
      `class ${identifier(random, words, 'camel')}:\n    def __init__(self, ${arg}=None):\n        self.${arg} = ${arg} or []\n        self._count = ${n}\n\n`,
      `    ${name} = [x ** 2 for x in range(${n}) if x % 3 == 0]  # ${pick(random, words)}\n`,
    ]);
  });
}

function shell(random: Random, words: readonly string[]): string {
  return fill(() => {
    const name = identifier(random, words, 'snake');
    const n = int(random, 1, 65535);
    return pick(random, [
      `#!/usr/bin/env bash\nset -euo pipefail\n${name.toUpperCase()}="\${1:-/var/lib/${name}}"\n`,
      `for f in "$${name.toUpperCase()}"/*.log; do\n  grep -E '^(WARN|ERROR)' "$f" | awk '{print $1, $3}' >> /tmp/${name}.txt\ndone\n`,
      `if [[ -z "\${${name.toUpperCase()}:-}" ]]; then echo "missing ${name}" >&2; exit ${n % 4}; fi\n`,
      `curl -fsSL -H "Authorization: Bearer $TOKEN" "https://example.org/${name}?port=${n}" | jq '.items[] | .id'\n`,
    ]);
  });
}

function value(random: Random, words: readonly string[], depth: number): unknown {
  const roll = random();
  if (depth < 3 && roll < 0.2)
    return Object.fromEntries(
      Array.from({ length: int(random, 1, 5) }, () => [
        identifier(random, words, 'snake'),
        value(random, words, depth + 1),
      ]),
    );
  if (depth < 3 && roll < 0.3)
    return Array.from({ length: int(random, 0, 4) }, () => value(random, words, depth + 1));
  if (roll < 0.5) return int(random, -1000, 1_000_000);
  if (roll < 0.6) return Math.round(random() * 1e6) / 1e3;
  if (roll < 0.65) return random() < 0.5;
  if (roll < 0.7) return null;
  return Array.from({ length: int(random, 1, 6) }, () => pick(random, words)).join(' ');
}

function json(random: Random, words: readonly string[], pretty: boolean): string {
  return fill(() => `${JSON.stringify(value(random, words, 0), null, pretty ? 2 : undefined)}\n`);
}

function yaml(random: Random, words: readonly string[]): string {
  const render = (v: unknown, indent: string): string => {
    if (Array.isArray(v))
      return v.length === 0 ? ' []\n' : `\n${v.map((x) => `${indent}-${render(x, `${indent}  `)}`).join('')}`;
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0) return ' {}\n';
      return `\n${entries.map(([k, x]) => `${indent}${k}:${render(x, `${indent}  `)}`).join('')}`;
    }
    return ` ${typeof v === 'string' && random() < 0.3 ? JSON.stringify(v) : String(v)}\n`;
  };
  return fill(() => `---${render(value(random, words, 0), '')}`);
}

function markdown(random: Random, lines: readonly string[], words: readonly string[]): string {
  return fill(() =>
    pick(random, [
      `## ${pick(random, words)} ${pick(random, words)}\n\n${pick(random, lines)}\n\n`,
      `- **${pick(random, words)}**: ${pick(random, lines)}\n- [${pick(random, words)}](https://example.com/${identifier(random, words, 'snake')}) \`${identifier(random, words, 'camel')}()\`\n`,
      `| ${pick(random, words)} | ${int(random, 0, 999)} | ${pick(random, words)} |\n|---|---:|---|\n| a | ${int(random, 0, 99)} | _${pick(random, words)}_ |\n\n`,
      `\`\`\`ts\nconst ${identifier(random, words, 'camel')} = ${int(random, 0, 99)};\n\`\`\`\n\n> ${pick(random, lines)}\n\n`,
    ]),
  );
}

function blobs(random: Random, kind: 'base64' | 'base64-wrapped' | 'hex' | 'data-uri'): string {
  return fill(() => {
    const bytes = randomBytes(random, int(random, 16, 3000));
    switch (kind) {
      case 'base64':
        return `${base64(bytes)}\n`;
      case 'base64-wrapped':
        return `${(base64(bytes).match(/.{1,76}/g) ?? []).join('\n')}\n`;
      case 'hex':
        return `${pick(random, ['', '0x', 'sha256:'])}${hex(bytes.subarray(0, int(random, 4, 64)), random() < 0.3)}${pick(random, [' ', '\n', ', '])}`;
      case 'data-uri':
        return `<img src="data:${pick(random, ['image/png', 'image/jpeg', 'application/pdf', 'image/webp'])};base64,${base64(bytes)}" alt="${pick(random, ['chart', 'scan', 'x'])}">\n`;
    }
  });
}

function minifiedJs(random: Random, words: readonly string[]): string {
  return fill(() => {
    const a = identifier(random, words, 'short');
    const b = identifier(random, words, 'short');
    const n = int(random, 0, 999);
    return pick(random, [
      `function ${a}(${b},${a}${n}){return ${b}&&${b}.length>${n}?${b}.slice(0,${n}):${b}||""}`,
      `var ${a}=${b}.exports={},${b}$=[${n},${n * 7},"${pick(random, words)}"];`,
      `for(var ${a}=0;${a}<${b}.length;${a}++)${b}[${a}]=(${b}[${a}]<<${n % 8})^${n};`,
      `!function(${a}){"use strict";${a}.${identifier(random, words, 'camel')}=function(){return ${n}}}(window);`,
      `${a}.addEventListener("${pick(random, ['click', 'load', 'resize'])}",function(${b}){${b}.preventDefault()},!1);`,
    ]);
  });
}

function numbers(random: Random): string {
  return fill(() =>
    pick(random, [
      `${int(random, 1, 99999)},${(random() * 1e4).toFixed(int(random, 0, 6))},${(random() - 0.5).toExponential(3)},${int(random, 0, 1) ? '-' : ''}${int(random, 0, 1e9)}\n`,
      `${Array.from({ length: int(random, 10, 120) }, () => int(random, 0, 9)).join('')}\n`,
      `+1 (${int(random, 200, 999)}) ${int(random, 100, 999)}-${int(random, 1000, 9999)}; 2026-${String(int(random, 1, 12)).padStart(2, '0')}-${String(int(random, 1, 28)).padStart(2, '0')}T${int(random, 10, 23)}:${int(random, 10, 59)}:00Z\n`,
      `${(random() * 1e6).toFixed(2)} ${int(random, 0, 255)}.${int(random, 0, 255)}.${int(random, 0, 255)}.${int(random, 0, 255)} 0x${int(random, 0, 0xffffff).toString(16)}\n`,
    ]),
  );
}

const EMOJI = [
  '😀',
  '😂',
  '🥲',
  '👍',
  '👍🏽',
  '❤️',
  '🔥',
  '🚀',
  '✅',
  '⚠️',
  '🇯🇵',
  '🇧🇷',
  '🇺🇦',
  '🏳️‍🌈',
  '👨‍👩‍👧‍👦',
  '👩🏿‍💻',
  '🧑‍🚀',
  '1️⃣',
  '🫠',
  '🦀',
  '🐍',
  '☕',
  '🎉',
  '🧬',
];

function emoji(random: Random, words: readonly string[]): string {
  return fill(() => {
    const run = Array.from({ length: int(random, 1, 6) }, () => pick(random, EMOJI)).join(
      random() < 0.5 ? '' : ' ',
    );
    return `${pick(random, words)} ${run}${random() < 0.2 ? '\n' : ' '}`;
  });
}

/** The self-written sample files (samples/<name>.txt), one per script family. */
export const PROSE_SAMPLES = [
  'en',
  'europe',
  'cyrillic',
  'greek',
  'arabic',
  'hebrew',
  'indic',
  'thai',
  'cjk',
  'japanese',
  'korean',
  'rare',
] as const;

/** Generates the set's documents, one per category (deterministic). */
export function generateCorpus(set: CorpusSet): CorpusDocument[] {
  const random = seededRandom(SEEDS[set]);
  const english = sampleLines('en', set).concat(sampleLines('europe', set));
  const words = english.flatMap((line) => line.split(' '));
  const docs: CorpusDocument[] = PROSE_SAMPLES.map((name) => ({
    category: `prose-${name}`,
    text: prose(random, sampleLines(name, set)),
  }));
  docs.push(
    { category: 'code-typescript', text: typescript(random, words) },
    { category: 'code-python', text: python(random, words) },
    { category: 'code-shell', text: shell(random, words) },
    { category: 'json-pretty', text: json(random, words, true) },
    { category: 'json-compact', text: json(random, words, false) },
    { category: 'yaml', text: yaml(random, words) },
    { category: 'markdown', text: markdown(random, english, words) },
    { category: 'base64', text: blobs(random, 'base64') },
    { category: 'base64-wrapped', text: blobs(random, 'base64-wrapped') },
    { category: 'hex', text: blobs(random, 'hex') },
    { category: 'data-uri', text: blobs(random, 'data-uri') },
    { category: 'minified-js', text: minifiedJs(random, words) },
    { category: 'numbers', text: numbers(random) },
    { category: 'emoji', text: emoji(random, words) },
  );
  return docs;
}

/** The committed mixed corpus files (test/vectors/policy/tokens/*, not samples/): name → text. */
export function committedCorpus(): CorpusDocument[] {
  const dir = new URL('../vectors/policy/tokens/', import.meta.url);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== 'README.md')
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ category: name, text: readFileSync(new URL(name, dir), 'utf8') }));
}

/** Code-point ranges random text is drawn from: every class of the scanner, and everything else. */
const UNICODE_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0x00, 0x7f],
  [0x80, 0x7ff],
  [0x0370, 0x03ff],
  [0x0400, 0x04ff],
  [0x0590, 0x06ff],
  [0x0900, 0x0dff],
  [0x0e00, 0x0eff],
  [0x1000, 0x1fff],
  [0x2000, 0x2bff],
  [0x3000, 0x30ff],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xd800, 0xdfff],
  [0xe000, 0xffff],
  [0x1f300, 0x1faff],
  [0x10000, 0x10ffff],
];

/**
 * A random string of about `length` code units: runs drawn from one of {@link UNICODE_RANGES}, so
 * it mixes scripts, lone surrogates and astral characters. Runs of ASCII are 1–20 characters
 * (random keys and identifiers are real input); runs of other ranges 1–3, as in mixed text.
 * Longer runs of random letters of one alphabet are not text anyone writes, and `upper` does not
 * bound them (see docs/guide/policy.md).
 */
export function randomUnicode(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) {
    const [first, last] = pick(random, UNICODE_RANGES);
    const run = int(random, 1, last < 0x80 ? 20 : 3);
    for (let i = 0; i < run; i++) out += String.fromCodePoint(int(random, first, last));
  }
  return out.slice(0, length);
}
