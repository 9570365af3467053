/**
 * The same calls through the official SDKs. Each client is built with `maxRetries: 0`, so the
 * SDK makes exactly one HTTP request per call and mamlkit's guard decides about retries.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { Attempt, CallResult, Guard } from './guarded-call.js';
import { checkRequest, type ChatRequest, type Refused } from './with-fetch.js';

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
async function attempt<T>(run: () => Promise<{ data: T; response: Response }>): Promise<Attempt<T>> {
  try {
    const { data, response } = await run();
    return { status: response.status, headers: response.headers, body: data, value: data };
  } catch (error) {
    const failed = failedAttempt(error);
    if (failed === undefined) throw error;
    return failed;
  }
}

export async function askAnthropicSdk(
  request: ChatRequest,
  client: Anthropic,
  guard: Guard,
): Promise<CallResult<string> | Refused> {
  const checked = checkRequest('anthropic', request, (max_tokens) => ({ max_tokens }));
  if (!checked.ok) return checked;
  const result = await guard.call({ inputTokens: checked.inputTokens, outputTokens: checked.maxTokens }, () =>
    attempt(() =>
      client.messages
        .create({
          model: request.model,
          max_tokens: checked.maxTokens,
          messages: [{ role: 'user', content: request.prompt }],
        })
        .withResponse(),
    ),
  );
  if (!result.ok) return result;
  const text = result.value.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  return { ok: true, value: text, attempts: result.attempts };
}

export async function askOpenAISdk(
  request: ChatRequest,
  client: OpenAI,
  guard: Guard,
): Promise<CallResult<string> | Refused> {
  const checked = checkRequest('openai', request, (max_completion_tokens) => ({ max_completion_tokens }));
  if (!checked.ok) return checked;
  const result = await guard.call({ inputTokens: checked.inputTokens, outputTokens: checked.maxTokens }, () =>
    attempt(() =>
      client.chat.completions
        .create({
          model: request.model,
          max_completion_tokens: checked.maxTokens,
          messages: [{ role: 'user', content: request.prompt }],
        })
        .withResponse(),
    ),
  );
  if (!result.ok) return result;
  const text = result.value.choices.map((choice) => choice.message.content ?? '').join('');
  return { ok: true, value: text, attempts: result.attempts };
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
