import { CLAUDE_MAX_IMAGE_TOKENS, claudeImageTokens } from '../media/image-tokens.js';
import type { ModelLimit } from '../types.js';
import {
  addBase64Image,
  addBase64Pdf,
  addJson,
  addText,
  addUnknownImage,
  countBlock,
  isObject,
  listField,
  modelField,
  outputLimit,
  skip,
  type BodyViolation,
  type Json,
  type MediaRules,
  type OutputLimit,
  type Tally,
} from './body-tally.js';

/**
 * Claude PDF pages: each page is sent as extracted text plus an image of the page. The docs give
 * 1,500–3,000 text tokens per page "depending on content density" and price the page image by
 * the vision rule; the page image is counted at the pre-Opus 4.7 cap of about 1,600 tokens.
 * Source: https://platform.claude.com/docs/en/build-with-claude/pdf-support (checked 2026-12-05).
 */
const CLAUDE_PDF_PAGE_TOKENS = 3000 + 1600;

/**
 * Tokens of the system prompt Anthropic adds when `tools` are given (346 with `tool_choice`
 * `auto` or `none`, the larger of the published values for current models).
 * Source: https://platform.claude.com/docs/en/agents-and-tools/tool-use/overview#pricing
 */
const CLAUDE_TOOL_SYSTEM_TOKENS = 346;

/** How Claude counts images and PDFs. */
export const anthropicMedia: MediaRules = {
  image: (size) => claudeImageTokens(size.width, size.height),
  unknownImage: CLAUDE_MAX_IMAGE_TOKENS,
  pdfPage: CLAUDE_PDF_PAGE_TOKENS,
};

/** What the Messages reader found besides the tally. */
export interface AnthropicFields {
  readonly model: string | undefined;
  readonly outputLimits: readonly OutputLimit[];
  readonly thinkingBudget: number | undefined;
  readonly fixedTokens: number;
}

function source(block: Json): Json | undefined {
  return isObject(block.source) ? block.source : undefined;
}

function image(t: Tally, block: Json, where: string): void {
  const src = source(block);
  if (src?.type === 'base64') addBase64Image(t, src.data, undefined, where);
  else addUnknownImage(t, `${where}: image source ${JSON.stringify(src?.type ?? null)} is not inline base64`);
}

function document(t: Tally, block: Json, where: string, depth: number): void {
  const src = source(block);
  addText(t, block.title, `${where} title`);
  addText(t, block.context, `${where} context`);
  if (src?.type === 'base64' && src.media_type === 'application/pdf') addBase64Pdf(t, src.data, where);
  else if (src?.type === 'text') {
    t.documentCount++;
    addText(t, src.data, `${where} text`);
  } else if (src?.type === 'content') {
    t.documentCount++;
    blocks(t, src.content, where, depth + 1);
  } else {
    t.documentCount++;
    skip(t, `${where}: document source ${JSON.stringify(src?.type ?? null)} not counted`);
  }
}

/** One content block of `messages[].content`, `system`, a tool result or a document. */
function block(t: Tally, value: unknown, where: string, depth: number): void {
  countBlock(t);
  if (!isObject(value)) {
    skip(t, `${where}: a content block that is not an object, not counted`);
    return;
  }
  const type = value.type;
  if (type === 'text') addText(t, value.text, `${where} text`);
  else if (type === 'image') image(t, value, `${where} image`);
  else if (type === 'document') document(t, value, `${where} document`, depth);
  else if (type === 'tool_use' || type === 'server_tool_use') {
    addText(t, value.name, `${where} ${type} name`);
    addJson(t, 'text', value.input);
  } else if (type === 'tool_result') {
    if (typeof value.content === 'string') addText(t, value.content, `${where} tool_result`);
    else blocks(t, value.content, `${where} tool_result`, depth + 1);
  } else if (type === 'thinking') addText(t, value.thinking, `${where} thinking`);
  else if (type === 'search_result') {
    addText(t, value.title, `${where} search_result title`);
    blocks(t, value.content, `${where} search_result`, depth + 1);
  } else skip(t, `content block type ${JSON.stringify(type ?? null)} not counted`);
}

/** Nested block lists are at most a few levels deep in valid bodies; deeper ones are listed, not walked. */
const MAX_DEPTH = 4;

function blocks(t: Tally, value: unknown, where: string, depth: number): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    skip(t, `${where}: content is not a list of blocks, not counted`);
    return;
  }
  if (depth > MAX_DEPTH) {
    skip(t, `${where}: content nested deeper than ${MAX_DEPTH} levels, not counted`);
    return;
  }
  for (const item of value) block(t, item, where, depth);
}

function thinkingBudget(body: Json): number | undefined {
  const thinking = body.thinking;
  if (!isObject(thinking) || thinking.type !== 'enabled') return undefined;
  const [budget] = outputLimit(thinking, 'budget_tokens');
  return budget?.value;
}

/**
 * Reads an Anthropic Messages body (`POST /v1/messages`, `/v1/messages/count_tokens`): `model`,
 * `max_tokens`, `system` (string or text blocks), `messages[].content` (string or blocks: text,
 * image, document, tool_use, tool_result, thinking, search_result), `tools` and `thinking`.
 * Source: https://platform.claude.com/docs/en/api/messages (checked 2026-12-05).
 */
export function readAnthropicMessages(body: Json, t: Tally): AnthropicFields {
  if (typeof body.system === 'string') addText(t, body.system, 'system');
  else blocks(t, body.system, 'system', 0);
  listField(body, 'messages').forEach((message, i) => {
    countBlock(t);
    const where = `messages[${i}]`;
    if (!isObject(message)) skip(t, `${where}: not an object, not counted`);
    else if (typeof message.content === 'string') addText(t, message.content, where);
    else blocks(t, message.content, where, 0);
  });
  const tools = listField(body, 'tools');
  for (const tool of tools) {
    countBlock(t);
    addJson(t, 'tools', tool);
  }
  if (body.mcp_servers !== undefined && body.mcp_servers !== null)
    skip(t, 'mcp_servers: tool definitions of remote MCP servers are fetched by Anthropic and not counted');
  return {
    model: modelField(body),
    outputLimits: outputLimit(body, 'max_tokens'),
    thinkingBudget: thinkingBudget(body),
    fixedTokens: tools.length > 0 ? CLAUDE_TOOL_SYSTEM_TOKENS : 0,
  };
}

const VISION = 'https://platform.claude.com/docs/en/build-with-claude/vision';
const PDF_SUPPORT = 'https://platform.claude.com/docs/en/build-with-claude/pdf-support';
/** Largest image edge (px); 2000 when a request has more than 20 images. */
const MAX_IMAGE_EDGE = 8000;
const MAX_IMAGE_EDGE_MANY = 2000;
const MANY_IMAGES = 20;
/** Images per request. */
const MAX_IMAGES = 600;
/** PDF pages per request: 600, or 100 when the request's context window is under 1M tokens. */
const MAX_PDF_PAGES = 600;
const MAX_PDF_PAGES_SMALL = 100;

/**
 * The request-wide media limits of the Messages API (checked 2026-12-05): image edge, image
 * count and PDF pages, each counted over the whole body as the docs state.
 */
export function anthropicMediaViolations(t: Tally, model: ModelLimit | undefined): BodyViolation[] {
  const out: BodyViolation[] = [];
  const edge = t.imageCount > MANY_IMAGES ? MAX_IMAGE_EDGE_MANY : MAX_IMAGE_EDGE;
  if (t.longestImageEdge > edge) {
    out.push({
      code: 'image_too_large',
      limit: edge,
      actual: t.longestImageEdge,
      message: `an image of ${t.longestImageEdge} px exceeds the ${edge} px edge limit${t.imageCount > MANY_IMAGES ? ` for requests with more than ${MANY_IMAGES} images` : ''}`,
      suggestion: `Scale images down to at most ${edge} px on each edge (the model sees at most 2576 px anyway).`,
      source: VISION,
    });
  }
  if (t.imageCount > MAX_IMAGES) {
    out.push({
      code: 'too_many_images',
      limit: MAX_IMAGES,
      actual: t.imageCount,
      message: `${t.imageCount} images exceed the ${MAX_IMAGES} images a request may carry`,
      suggestion: `Split the images over ${Math.ceil(t.imageCount / MAX_IMAGES)} requests.`,
      source: VISION,
    });
  }
  const pages = model !== undefined && model.contextWindow >= 1_000_000 ? MAX_PDF_PAGES : MAX_PDF_PAGES_SMALL;
  if (t.pdfPages > pages) {
    out.push({
      code: 'pdf_too_many_pages',
      limit: pages,
      actual: t.pdfPages,
      message: `${t.pdfPages} PDF pages exceed the ${pages} pages a request may carry${pages === MAX_PDF_PAGES_SMALL ? ' with a context window under 1M tokens' : ''}`,
      suggestion: `Split the documents over ${Math.ceil(t.pdfPages / pages)} requests.`,
      source: PDF_SUPPORT,
    });
  }
  return out;
}
