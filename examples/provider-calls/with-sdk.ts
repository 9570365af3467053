/**
 * The same calls through the official SDKs. Each client is built with `maxRetries: 0`, so the
 * SDK makes exactly one HTTP request per call and mamlkit's guard decides about retries.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { Attempt, CallResult, Guard } from './guarded-call.js';
import { guardedChat, type ChatRequest, type Refused } from './with-fetch.js';

/** The status, headers and error body of a failed SDK call, as the provider sent them. */
function failedAttempt(error: unknown): Attempt<never> | undefined {
  if (error instanceof Anthropic.APIError) {
    const { status, headers } = error as { status?: number; headers?: Headers };
    // The Anthropic SDK keeps the whole body: { type: 'error', error: { type, message } }.
    if (status !== undefined && headers !== undefined)
      return { status, headers, body: error.error as unknown };
  }
  if (error instanceof OpenAI.APIError) {
    const { status, headers } = error as { status?: number; headers?: Headers };
    // The OpenAI SDK keeps only the inner object: put it back in its { error } envelope.
    if (status !== undefined && headers !== undefined)
      return { status, headers, body: { error: error.error as unknown } };
  }
  return undefined;
}

/** Turns one SDK call into an {@link Attempt}: a thrown API error carries status, headers and body. */
async function attempt<T>(
  run: () => Promise<{ data: T; response: Response }>,
  text: (data: T) => string,
): Promise<Attempt<string>> {
  try {
    const { data, response } = await run();
    return { status: response.status, headers: response.headers, body: data, value: text(data) };
  } catch (error) {
    const failed = failedAttempt(error);
    if (failed === undefined) throw error;
    return failed;
  }
}

/** Anthropic Messages through `@anthropic-ai/sdk`; resolves with the answer's text. */
export function askAnthropicSdk(
  request: ChatRequest,
  client: Anthropic,
  guard: Guard,
): Promise<CallResult<string> | Refused> {
  const messages = [{ role: 'user' as const, content: request.prompt }];
  return guardedChat('anthropic', request, guard, (_json, maxTokens) =>
    attempt(
      () => client.messages.create({ model: request.model, max_tokens: maxTokens, messages }).withResponse(),
      (message) => message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
    ),
  );
}

/** OpenAI Chat Completions through `openai`; resolves with the answer's text. */
export function askOpenAISdk(
  request: ChatRequest,
  client: OpenAI,
  guard: Guard,
): Promise<CallResult<string> | Refused> {
  const messages = [{ role: 'user' as const, content: request.prompt }];
  return guardedChat('openai', request, guard, (_json, maxTokens) =>
    attempt(
      () =>
        client.chat.completions
          .create({ model: request.model, max_completion_tokens: maxTokens, messages })
          .withResponse(),
      (completion) => completion.choices.map((choice) => choice.message.content ?? '').join(''),
    ),
  );
}

/** Clients with retries off; `baseURL` points them at a proxy or, in tests, a local fake. */
export function sdkClients(options: {
  anthropicKey: string;
  openaiKey: string;
  anthropicURL?: string;
  openaiURL?: string;
}): {
  anthropic: Anthropic;
  openai: OpenAI;
} {
  return {
    anthropic: new Anthropic({
      apiKey: options.anthropicKey,
      baseURL: options.anthropicURL ?? null,
      maxRetries: 0,
    }),
    openai: new OpenAI({ apiKey: options.openaiKey, baseURL: options.openaiURL ?? null, maxRetries: 0 }),
  };
}
