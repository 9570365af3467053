import { PolicyError } from '../errors.js';
import { base64Source } from '../media/byte-source.js';
import { readImageSizeFrom, type ImageSize } from '../media/image-size.js';
import { countPdfPages } from '../media/pdf-pages.js';
import type { Violation } from './preflight.js';

/**
 * Messages, content blocks and tools `preflightBody` reads from one body at most; more throw
 * `ERR_LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * import { MAX_BODY_BLOCKS } from 'mamlkit/policy';
 * MAX_BODY_BLOCKS; // 100000
 * ```
 */
export const MAX_BODY_BLOCKS = 100_000;

/** Codes of the violations only a body can show, besides preflight's own. */
export type BodyViolationCode =
  'thinking_budget_too_high' | 'image_too_large' | 'too_many_images' | 'pdf_too_many_pages';

/** A violation found by `preflightBody`. */
export type BodyViolation = Violation | (Omit<Violation, 'code'> & { readonly code: BodyViolationCode });

/** A plain JSON object. */
export type Json = Readonly<Record<string, unknown>>;

/** An output-token cap of a body under the name the provider reads it by. */
export interface OutputLimit {
  readonly parameter: string;
  readonly value: number;
}

/** How one provider turns an image or a PDF into tokens. */
export interface MediaRules {
  /** Tokens of an image of known size; `detail` is OpenAI's, `undefined` elsewhere. */
  readonly image: (size: ImageSize, detail: string | undefined) => number;
  /** Tokens counted for an image whose size is unknown (URL, file id, unreadable header). */
  readonly unknownImage: number;
  /** Tokens per PDF page, or `undefined` when the provider publishes no rule. */
  readonly pdfPage: number | undefined;
}

/** Token counts of a body by kind, as {@link preflightBody} reports them. */
export interface BodyTokens {
  /** Text of messages, system prompt and instructions, tool calls and results (upper estimate). */
  readonly text: number;
  /** Tool definitions (name, description, input schema) plus the provider's tool overhead. */
  readonly tools: number;
  readonly images: number;
  readonly documents: number;
  /** Number of images and documents found. */
  readonly imageCount: number;
  readonly documentCount: number;
}

/** What a reader collects while it walks a body. */
export interface Tally {
  readonly rules: MediaRules;
  readonly text: string[];
  readonly tools: string[];
  readonly unchecked: string[];
  images: number;
  imageCount: number;
  documents: number;
  documentCount: number;
  /** Longest edge of any image whose header was read (px). */
  longestImageEdge: number;
  /** PDF pages counted over the whole body. */
  pdfPages: number;
  blocks: number;
}

export function newTally(rules: MediaRules): Tally {
  return {
    rules,
    text: [],
    tools: [],
    unchecked: [],
    images: 0,
    imageCount: 0,
    documents: 0,
    documentCount: 0,
    longestImageEdge: 0,
    pdfPages: 0,
    blocks: 0,
  };
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Counts one block against {@link MAX_BODY_BLOCKS}. */
export function countBlock(t: Tally): void {
  if (++t.blocks > MAX_BODY_BLOCKS) {
    throw new PolicyError(
      'ERR_LIMIT_EXCEEDED',
      `request body has more than ${MAX_BODY_BLOCKS} messages, content blocks and tools; preflightBody stops there`,
    );
  }
}

/** Records something the reader did not count, once per distinct description. */
export function skip(t: Tally, what: string): void {
  if (!t.unchecked.includes(what)) t.unchecked.push(what);
}

/** Adds a string field's text; a non-string present value is skipped and listed. */
export function addText(t: Tally, value: unknown, where: string): void {
  if (typeof value === 'string') t.text.push(value);
  else if (value !== undefined) skip(t, `${where}: not a string, not counted`);
}

/** Adds a JSON value (tool input, tool definition) as its serialised text. */
export function addJson(t: Tally, into: 'text' | 'tools', value: unknown): void {
  if (value === undefined) return;
  t[into].push(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Adds an image of base64 `data` (no data-URI prefix); an unreadable header counts as unknown. */
export function addBase64Image(t: Tally, data: unknown, detail: string | undefined, where: string): void {
  const src = typeof data === 'string' ? base64Source(data) : undefined;
  const size = src === undefined ? undefined : readImageSizeFrom(src);
  if (size === undefined) {
    addUnknownImage(t, `${where}: image header unreadable (not PNG, JPEG, GIF or WebP base64)`);
    return;
  }
  t.imageCount++;
  t.images += t.rules.image(size, detail);
  t.longestImageEdge = Math.max(t.longestImageEdge, size.width, size.height);
}

/** Adds an image whose size cannot be known here, at the provider's per-image maximum. */
export function addUnknownImage(t: Tally, why: string): void {
  t.imageCount++;
  t.images += t.rules.unknownImage;
  skip(t, `${why}; counted at the per-image maximum of ${t.rules.unknownImage} tokens`);
}

/** Adds a base64 PDF by its page count and the provider's per-page rule. */
export function addBase64Pdf(t: Tally, data: unknown, where: string): void {
  t.documentCount++;
  const perPage = t.rules.pdfPage;
  if (perPage === undefined) {
    skip(t, `${where}: PDF tokens not counted (no published per-page rule for this provider)`);
    return;
  }
  const count = typeof data === 'string' ? countPdfPages(data) : undefined;
  if (count === undefined) {
    skip(t, `${where}: PDF unreadable (no pages found), not counted`);
    return;
  }
  t.documents += count.pages * perPage;
  t.pdfPages += count.pages;
  if (!count.complete)
    skip(t, `${where}: PDF has compressed object streams; ${count.pages} pages is a lower bound`);
}

/** Reads an optional non-negative integer field; any other present value is a typed error. */
export function outputLimit(body: Json, parameter: string): OutputLimit[] {
  const value = body[parameter];
  if (value === undefined || value === null) return [];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PolicyError(
      'ERR_INVALID_ARGUMENT',
      `${parameter} must be a non-negative integer, got ${JSON.stringify(value)}`,
    );
  }
  return [{ parameter, value }];
}

/** Reads the body's `model`: absent is allowed (Azure names the deployment in the URL), a non-string is an error. */
export function modelField(body: Json): string | undefined {
  const { model } = body;
  if (model === undefined) return undefined;
  if (typeof model !== 'string')
    throw new PolicyError('ERR_INVALID_ARGUMENT', `model must be a string, got ${JSON.stringify(model)}`);
  return model;
}

/** Reads a list field that must be an array when present. */
export function listField(body: Json, name: string): readonly unknown[] {
  const value = body[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new PolicyError('ERR_INVALID_ARGUMENT', `${name} must be an array, got ${typeof value}`);
  return value;
}
