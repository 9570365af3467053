import { OPENAI_MAX_PATCHES, openaiImageTokens, type ImageDetail } from '../media/image-tokens.js';
import {
  addBase64Image,
  addJson,
  addText,
  addUnknownImage,
  countBlock,
  isObject,
  listField,
  modelField,
  outputLimit,
  skip,
  type Json,
  type MediaRules,
  type OutputLimit,
  type Tally,
} from './body-tally.js';

/** Tokens OpenAI adds per message (role and separators), as in OpenAI's token-counting cookbook. */
const MESSAGE_OVERHEAD = 4;

const DETAILS: readonly string[] = ['low', 'high', 'auto', 'original'];

/**
 * How OpenAI counts images; PDFs (`file` / `input_file`) have no published per-page rule, so
 * they are listed as unchecked. An image of unknown size is counted at the patch cap.
 */
export const openaiMedia: MediaRules = {
  image: (size, detail) =>
    openaiImageTokens(
      size.width,
      size.height,
      (detail !== undefined && DETAILS.includes(detail) ? detail : 'auto') as ImageDetail,
    ),
  unknownImage: OPENAI_MAX_PATCHES,
  pdfPage: undefined,
};

/** What an OpenAI reader found besides the tally. */
export interface OpenaiFields {
  readonly model: string | undefined;
  readonly outputLimits: readonly OutputLimit[];
  readonly fixedTokens: number;
}

/** The base64 payload of a `data:<type>;base64,` URI, or `undefined` for any other URL. */
function dataUriPayload(url: string): string | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0 || comma > 256 || !url.slice(0, comma).endsWith(';base64')) return undefined;
  return url.slice(comma + 1);
}

function image(t: Tally, url: unknown, fileId: unknown, detail: unknown, where: string): void {
  const level = typeof detail === 'string' ? detail : undefined;
  const payload = typeof url === 'string' ? dataUriPayload(url) : undefined;
  if (payload !== undefined) addBase64Image(t, payload, level, where);
  else if (typeof fileId === 'string') addUnknownImage(t, `${where}: image file_id, size unknown`);
  else addUnknownImage(t, `${where}: image URL, size unknown`);
  if (level === 'original')
    skip(t, `${where}: detail 'original' of an image of unknown size is not bounded by the patch cap`);
}

function file(t: Tally, where: string): void {
  t.documentCount++;
  skip(t, `${where}: file input tokens not counted (OpenAI publishes no per-page rule)`);
}

/** A Chat Completions content part. */
function chatPart(t: Tally, part: unknown, where: string): void {
  countBlock(t);
  if (!isObject(part)) {
    skip(t, `${where}: a content part that is not an object, not counted`);
    return;
  }
  const { type } = part;
  if (type === 'text') addText(t, part.text, `${where} text`);
  else if (type === 'refusal') addText(t, part.refusal, `${where} refusal`);
  else if (type === 'image_url') {
    const img = isObject(part.image_url) ? part.image_url : {};
    image(t, img.url, undefined, img.detail, `${where} image_url`);
  } else if (type === 'file') file(t, `${where} file`);
  else skip(t, `content part type ${JSON.stringify(type ?? null)} not counted`);
}

function chatMessage(t: Tally, message: unknown, where: string): void {
  countBlock(t);
  if (!isObject(message)) {
    skip(t, `${where}: not an object, not counted`);
    return;
  }
  addText(t, message.name, `${where} name`);
  if (typeof message.content === 'string') addText(t, message.content, where);
  else if (Array.isArray(message.content)) for (const part of message.content) chatPart(t, part, where);
  for (const call of listField(message, 'tool_calls')) {
    countBlock(t);
    const fn = isObject(call) && isObject(call.function) ? call.function : {};
    addText(t, fn.name, `${where} tool call name`);
    addText(t, fn.arguments, `${where} tool call arguments`);
  }
}

/**
 * Reads an OpenAI (or Azure OpenAI) Chat Completions body: `model`, `max_completion_tokens` and
 * the deprecated `max_tokens`, `messages` (string or parts: text, image_url with data URIs, file,
 * refusal; tool calls), `tools` (and the deprecated `functions`) and `response_format`. Source:
 * https://platform.openai.com/docs/api-reference/chat/create (checked 2026-12-05).
 */
export function readOpenaiChat(body: Json, t: Tally): OpenaiFields {
  const messages = listField(body, 'messages');
  messages.forEach((message, i) => {
    chatMessage(t, message, `messages[${i}]`);
  });
  for (const tool of [...listField(body, 'tools'), ...listField(body, 'functions')]) {
    countBlock(t);
    addJson(t, 'tools', tool);
  }
  addJson(t, 'tools', body.response_format);
  if (body.data_sources !== undefined && body.data_sources !== null)
    skip(t, 'data_sources: retrieved documents are added by the service and not counted');
  return {
    model: modelField(body),
    outputLimits: [...outputLimit(body, 'max_completion_tokens'), ...outputLimit(body, 'max_tokens')],
    fixedTokens: MESSAGE_OVERHEAD * (messages.length + 1),
  };
}

/** A Responses input content part. */
function responsesPart(t: Tally, part: unknown, where: string): void {
  countBlock(t);
  if (!isObject(part)) {
    skip(t, `${where}: a content part that is not an object, not counted`);
    return;
  }
  const { type } = part;
  if (type === 'input_text' || type === 'output_text') addText(t, part.text, `${where} ${type}`);
  else if (type === 'refusal') addText(t, part.refusal, `${where} refusal`);
  else if (type === 'input_image')
    image(t, part.image_url, part.file_id, part.detail, `${where} input_image`);
  else if (type === 'input_file') file(t, `${where} input_file`);
  else skip(t, `content part type ${JSON.stringify(type ?? null)} not counted`);
}

function responsesContent(t: Tally, content: unknown, where: string): void {
  if (typeof content === 'string') addText(t, content, where);
  else if (Array.isArray(content)) for (const part of content) responsesPart(t, part, where);
  else if (content !== undefined) skip(t, `${where}: content is neither text nor parts, not counted`);
}

/** One item of `input`: a message (typed or not), a function call or its output. */
function responsesItem(t: Tally, item: unknown, where: string): void {
  countBlock(t);
  if (!isObject(item)) {
    skip(t, `${where}: not an object, not counted`);
    return;
  }
  const { type } = item;
  if (type === undefined || type === 'message') responsesContent(t, item.content, where);
  else if (type === 'function_call' || type === 'custom_tool_call') {
    addText(t, item.name, `${where} ${type} name`);
    addText(t, type === 'function_call' ? item.arguments : item.input, `${where} ${type}`);
  } else if (type === 'function_call_output' || type === 'custom_tool_call_output')
    responsesContent(t, item.output, `${where} ${type}`);
  else skip(t, `input item type ${JSON.stringify(type)} not counted`);
}

/**
 * Reads an OpenAI (or Azure OpenAI) Responses body: `model`, `max_output_tokens`,
 * `instructions`, `input` (a string or items: messages with input_text, input_image, input_file
 * parts; function calls and their outputs), `tools` and the `text.format` schema. Source:
 * https://platform.openai.com/docs/api-reference/responses/create (checked 2026-12-05).
 */
export function readOpenaiResponses(body: Json, t: Tally): OpenaiFields {
  addText(t, body.instructions, 'instructions');
  const input = body.input;
  let items = 1;
  if (typeof input === 'string') addText(t, input, 'input');
  else {
    const list = listField(body, 'input');
    items = list.length;
    list.forEach((item, i) => {
      responsesItem(t, item, `input[${i}]`);
    });
  }
  if (body.previous_response_id !== undefined && body.previous_response_id !== null)
    skip(t, 'previous_response_id: the earlier conversation is stored by OpenAI and not counted');
  if (body.conversation !== undefined && body.conversation !== null)
    skip(t, 'conversation: the stored conversation is not counted');
  if (body.prompt !== undefined && body.prompt !== null)
    skip(t, 'prompt: the stored prompt template is not counted');
  addJson(t, 'tools', isObject(body.text) ? body.text.format : undefined);
  for (const tool of listField(body, 'tools')) {
    countBlock(t);
    addJson(t, 'tools', tool);
  }
  return {
    model: modelField(body),
    outputLimits: outputLimit(body, 'max_output_tokens'),
    fixedTokens: MESSAGE_OVERHEAD * (items + 1),
  };
}
