/**
 * Reading shell commands out of Markdown: which command lines a document shows, and how a shell
 * splits one line into simple commands and words. Enough of POSIX sh for documentation (quotes,
 * escapes, `$(…)` and backquote substitutions, `&&`, `||`, `;`, `|`, `&`, redirections,
 * comments); no expansion is performed.
 */

/** A command line as a document shows it. */
export interface DocCommand {
  /** Line of the document (1-based) where the command starts. */
  readonly line: number;
  /** The command, continuation lines joined. */
  readonly text: string;
}

/** A command line split the way a shell splits it. */
export interface ShellLine {
  /** The simple commands in order, each as its words (quotes removed, redirections dropped). */
  readonly commands: readonly (readonly string[])[];
  /** The text of each `$(…)` or backquote substitution: a command line of its own. */
  readonly substitutions: readonly string[];
}

/** Code block languages whose every line is a command. */
const SCRIPT_LANGUAGES = new Set(['sh', 'bash', 'shell', 'zsh']);
/** Code block languages where commands are the lines after a `$ ` prompt; the rest is output. */
const SESSION_LANGUAGES = new Set(['console', 'shell-session']);

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;
const PROMPT = /^\s*\$ /;

/** A fenced code block. */
interface CodeBlock {
  /** The opening fence (its character and length close it). */
  readonly fence: string;
  /** The info string's first word, lower case. */
  readonly language: string;
  /** Line of the document (1-based) of the first line of code. */
  readonly first: number;
  readonly lines: string[];
}

/** Fenced code blocks of a Markdown text. */
function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: CodeBlock | undefined;
  markdown.split('\n').forEach((line, index) => {
    const fence = FENCE.exec(line);
    if (open === undefined) {
      if (fence !== null) {
        open = {
          fence: fence[1] ?? '```',
          language: (fence[2] ?? '').toLowerCase(),
          first: index + 2,
          lines: [],
        };
      }
      return;
    }
    const closing = fence?.[1];
    if (
      closing !== undefined &&
      closing[0] === open.fence[0] &&
      closing.length >= open.fence.length &&
      fence?.[2] === ''
    ) {
      blocks.push(open);
      open = undefined;
      return;
    }
    open.lines.push(line);
  });
  if (open !== undefined) blocks.push(open);
  return blocks;
}

/** Joins lines ending in a backslash with the next, keeping the number of the first. */
function joinContinuations(lines: readonly { line: number; text: string }[]): DocCommand[] {
  const joined: DocCommand[] = [];
  let pending: DocCommand | undefined;
  for (const { line, text } of lines) {
    const current: DocCommand =
      pending === undefined ? { line, text } : { ...pending, text: `${pending.text} ${text}` };
    if (current.text.endsWith('\\')) {
      pending = { ...current, text: current.text.slice(0, -1).trimEnd() };
    } else {
      joined.push(current);
      pending = undefined;
    }
  }
  if (pending !== undefined) joined.push(pending);
  return joined;
}

/** The command lines of one fenced block, or none when it is not a shell block. */
function blockCommands(block: CodeBlock): DocCommand[] {
  const numbered = block.lines.map((text, index) => ({ line: block.first + index, text: text.trim() }));
  if (SCRIPT_LANGUAGES.has(block.language)) {
    return joinContinuations(numbered).filter(({ text }) => text !== '' && !text.startsWith('#'));
  }
  if (!SESSION_LANGUAGES.has(block.language)) return [];
  const commands: { line: number; text: string }[] = [];
  let continuing = false;
  for (const { line, text } of numbered) {
    if (PROMPT.test(text)) commands.push({ line, text: text.replace(PROMPT, '') });
    else if (continuing) commands.push({ line, text });
    continuing = (PROMPT.test(text) || continuing) && text.endsWith('\\');
  }
  return joinContinuations(commands);
}

/** The cells of a Markdown table row (`| a | b |`), trimmed; `\|` stays inside a cell. */
function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/**
 * Commands in the "run it" column of Markdown tables: a code span that is the whole cell, as the
 * example tables show them.
 */
function tableCommands(markdown: string): DocCommand[] {
  const commands: DocCommand[] = [];
  let column = -1;
  markdown.split('\n').forEach((line, index) => {
    if (!line.trimStart().startsWith('|')) {
      column = -1;
      return;
    }
    const cells = tableCells(line);
    const header = cells.findIndex((cell) => cell.toLowerCase() === 'run it');
    if (header >= 0) {
      column = header;
      return;
    }
    const code = /^`([^`]+)`$/.exec(cells[column] ?? '');
    if (code?.[1] !== undefined) commands.push({ line: index + 1, text: code[1] });
  });
  return commands;
}

/** Code spans in the prose (outside fenced blocks) that run the CLI: `` `mamlkit sign …` ``. */
function inlineCliCommands(markdown: string): DocCommand[] {
  const fenced = new Set(
    codeBlocks(markdown).flatMap((block) => block.lines.map((_, index) => block.first + index)),
  );
  const prose = markdown
    .split('\n')
    .map((line, index) => (fenced.has(index + 1) ? '' : line))
    .join('\n');
  return [...prose.matchAll(/`(mamlkit [a-z][^`]*)`/g)].map((match) => ({
    line: prose.slice(0, match.index).split('\n').length,
    // In a table row, `\|` is a pipe inside a cell.
    text: (match[1] ?? '').replaceAll('\n', ' ').replaceAll('\\|', '|'),
  }));
}

/**
 * Every command line a Markdown document shows: the lines of ```sh / ```bash blocks, the `$ `
 * lines of ```console blocks, the "run it" cells of tables, and `mamlkit …` code spans in the
 * prose.
 *
 * @example
 * docCommands('```sh\nnpm ci && npm run build\n```\n'); // [{ line: 2, text: 'npm ci && npm run build' }]
 */
export function docCommands(markdown: string): DocCommand[] {
  return [
    ...codeBlocks(markdown).flatMap(blockCommands),
    ...tableCommands(markdown),
    ...inlineCliCommands(markdown),
  ].sort((a, b) => a.line - b.line);
}

/** The shell blocks (```sh, ```bash) under a level-2 heading, each as its command lines. */
export function sectionScripts(markdown: string, heading: string): DocCommand[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line === `## ${heading}`);
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const section = lines.slice(0, end < 0 ? lines.length : end);
  // Blank lines above the section keep the line numbers of the document.
  const text = section.map((line, index) => (index > start ? line : '')).join('\n');
  return codeBlocks(text)
    .filter((block) => SCRIPT_LANGUAGES.has(block.language))
    .map(blockCommands);
}

/** Reads from `start` (just after an opening `$(`) to the matching `)`; returns the inner text and the end. */
function readSubstitution(text: string, start: number): { inner: string; end: number } {
  let depth = 1;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return { inner: text.slice(start, i), end: i };
  }
  return { inner: text.slice(start), end: text.length };
}

const OPERATORS = ['&&', '||', ';', '|', '&'];

/**
 * Splits a command line into simple commands and words, as a shell would before expansion.
 *
 * @example
 * parseShellLine('A=1 npx tsx "a b.ts" > out.txt && echo $(date)');
 * // { commands: [['A=1', 'npx', 'tsx', 'a b.ts'], ['echo', '$(date)']], substitutions: ['date'] }
 */
export function parseShellLine(text: string): ShellLine {
  const commands: string[][] = [];
  const substitutions: string[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let dropNext = false;
  const endWord = (): void => {
    if (word !== undefined && !dropNext) words.push(word);
    else if (word !== undefined) dropNext = false;
    word = undefined;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  const substitute = (from: number): number => {
    const { inner, end } = readSubstitution(text, from);
    substitutions.push(inner);
    word = `${word ?? ''}$(${inner})`;
    return end;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === ' ' || char === '\t') {
      endWord();
    } else if (char === '#' && word === undefined) {
      break;
    } else if (char === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      word = `${word ?? ''}${text.slice(i + 1, end)}`;
      i = end;
    } else if (char === '"') {
      word ??= '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length) word += text.charAt(++i);
        else if (text.startsWith('$(', i)) i = substitute(i + 2);
        else word += text.charAt(i);
      }
    } else if (char === '\\') {
      word = `${word ?? ''}${text.charAt(++i)}`;
    } else if (text.startsWith('$(', i)) {
      i = substitute(i + 2);
    } else if (char === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close < 0 ? text.length : close;
      substitutions.push(text.slice(i + 1, end));
      word = `${word ?? ''}${text.slice(i, end + 1)}`;
      i = end;
    } else if (char === '>' || char === '<' || text.startsWith('&>', i)) {
      if (word !== undefined && /^\d+$/.test(word)) word = undefined;
      endWord();
      const redirect = /^&?[<>]{1,2}(?:&[\d-])?/.exec(text.slice(i))?.[0] ?? char;
      i += redirect.length - 1;
      dropNext = !redirect.includes('&') || redirect.startsWith('&');
    } else {
      const operator = OPERATORS.find((candidate) => text.startsWith(candidate, i));
      if (operator === undefined) {
        word = `${word ?? ''}${char}`;
      } else {
        endCommand();
        i += operator.length - 1;
      }
    }
  }
  endCommand();
  return { commands, substitutions };
}
