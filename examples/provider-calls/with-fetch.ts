/**
 * Anthropic Messages and OpenAI Chat Completions with plain `fetch`: preflight the request
 * against the model's limits, add the auth headers, and send it through the guard.
 */
import { authHeaders, preflight, type Violation } from 'mamlkit/policy';
import type { Attempt, CallResult, Guard } from './guarded-call.js';

export type ChatProvider = 'anthropic' | 'openai' | 'azure-openai';

/** The Azure OpenAI REST API version the example calls. */
export const AZURE_API_VERSION = '2024-10-21';

export interface ChatRequest {
  readonly model: string;
  readonly prompt: string;
  /** A number, or a profile: `concise`, `detailed`, `max`. */
  readonly maxTokens: number | string;
}

export interface Connection {
  readonly apiKey: string;
  /**
   * `https://api.anthropic.com`, `https://api.openai.com/v1`, or for Azure OpenAI the
   * deployment: `https://<resource>.openai.azure.com/openai/deployments/<deployment>`.
   */
  readonly baseURL: string;
  readonly guard: Guard;
}

/** Refused before sending: the limits the request breaks. */
export interface Refused {
  readonly ok: false;
  readonly kind: 'preflight';
  readonly violations: readonly Violation[];
}

/** The request body: the two APIs differ in the name of the output limit. */
function chatBody(provider: ChatProvider, request: ChatRequest, maxTokens: number) {
  const messages = [{ role: 'user' as const, content: request.prompt }];
  return provider === 'anthropic'
    ? { model: request.model, max_tokens: maxTokens, messages }
    : { model: request.model, max_completion_tokens: maxTokens, messages };
}

/**
 * Preflights the request (a `max_tokens` profile is resolved first, then the body size is
 * checked), and sends it through the guard, which reserves its input and output tokens.
 */
export async function guardedChat(
  provider: ChatProvider,
  request: ChatRequest,
  guard: Guard,
  send: (json: string, maxTokens: number) => Promise<Attempt<string>>,
): Promise<CallResult<string> | Refused> {
  const endpoint = provider === 'anthropic' ? 'messages' : 'chat_completions';
  const draft = {
    provider,
    endpoint,
    model: request.model,
    text: request.prompt,
    maxTokens: request.maxTokens,
  };
  const maxTokens = preflight(draft).maxTokens ?? 1024;
  const json = JSON.stringify(chatBody(provider, request, maxTokens));
  const checked = preflight({ ...draft, maxTokens, bodyBytes: new TextEncoder().encode(json).length });
  if (!checked.ok) return { ok: false, kind: 'preflight', violations: checked.violations };
  const cost = { inputTokens: checked.inputTokens ?? 0, outputTokens: maxTokens };
  return guard.call(cost, () => send(json, maxTokens));
}

interface AnthropicMessage {
  readonly content: readonly { readonly type: string; readonly text?: string }[];
}

interface OpenAICompletion {
  readonly choices: readonly { readonly message: { readonly content: string | null } }[];
}

/** The text of an answer, from either API's response body. */
function answerText(provider: ChatProvider, body: unknown): string {
  return provider === 'anthropic'
    ? (body as AnthropicMessage).content.map((block) => block.text ?? '').join('')
    : (body as OpenAICompletion).choices.map((choice) => choice.message.content ?? '').join('');
}

/** Anthropic `POST /v1/messages`, OpenAI or Azure OpenAI `POST …/chat/completions` with fetch; resolves with the answer's text. */
export function askWithFetch(
  provider: ChatProvider,
  request: ChatRequest,
  connection: Connection,
): Promise<CallResult<string> | Refused> {
  const path = {
    anthropic: '/v1/messages',
    openai: '/chat/completions',
    'azure-openai': `/chat/completions?api-version=${AZURE_API_VERSION}`,
  }[provider];
  const url = `${connection.baseURL}${path}`;
  const headers = {
    ...authHeaders(provider, { apiKey: connection.apiKey }),
    'content-type': 'application/json',
  };
  return guardedChat(provider, request, connection.guard, async (json) => {
    const response = await fetch(url, { method: 'POST', headers, body: json });
    const body: unknown = await response.json().catch(() => undefined);
    const attempt = { status: response.status, headers: response.headers, body };
    return response.ok ? { ...attempt, value: answerText(provider, body) } : attempt;
  });
}
