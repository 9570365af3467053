/**
 * Anthropic Messages and OpenAI Chat Completions with plain `fetch`: preflight the request
 * against the model's limits, add the auth headers, and send it through the guard.
 */
import { authHeaders, preflight, type Violation } from 'mamlkit/policy';
import type { CallResult, Guard } from './guarded-call.js';

export interface ChatRequest {
  readonly model: string;
  readonly prompt: string;
  /** A number, or a profile: `concise`, `detailed`, `max`. */
  readonly maxTokens: number | string;
}

export interface Connection {
  readonly apiKey: string;
  /** For example `https://api.anthropic.com` or `https://api.openai.com/v1`. */
  readonly baseURL: string;
  readonly guard: Guard;
}

/** Refused before sending: the limits the request breaks. */
export interface Refused {
  readonly ok: false;
  readonly kind: 'preflight';
  readonly violations: readonly Violation[];
}

/** Checks the request against the model's limits and returns what to reserve, or the violations. */
export function checkRequest(
  provider: 'anthropic' | 'openai',
  request: ChatRequest,
  body: (maxTokens: number) => unknown,
): { ok: true; json: string; inputTokens: number; maxTokens: number } | Refused {
  const endpoint = provider === 'anthropic' ? 'messages' : 'chat_completions';
  const draft = {
    provider,
    endpoint,
    model: request.model,
    text: request.prompt,
    maxTokens: request.maxTokens,
  };
  const first = preflight(draft);
  const maxTokens = first.maxTokens ?? 1024;
  const json = JSON.stringify(body(maxTokens));
  const checked = preflight({ ...draft, maxTokens, bodyBytes: new TextEncoder().encode(json).length });
  if (!checked.ok) return { ok: false, kind: 'preflight', violations: checked.violations };
  return { ok: true, json, inputTokens: checked.inputTokens ?? 0, maxTokens };
}

async function post<T>(
  url: string,
  headers: Record<string, string>,
  json: string,
  read: (body: unknown) => T,
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: json,
  });
  const body: unknown = await response.json().catch(() => undefined);
  return response.ok
    ? { status: response.status, headers: response.headers, body, value: read(body) }
    : { status: response.status, headers: response.headers, body };
}

interface AnthropicMessage {
  readonly content: readonly { readonly type: string; readonly text?: string }[];
}

interface OpenAICompletion {
  readonly choices: readonly { readonly message: { readonly content: string | null } }[];
}

/** POST /v1/messages; resolves with the text of the answer. */
export async function askAnthropic(
  request: ChatRequest,
  connection: Connection,
): Promise<CallResult<string> | Refused> {
  const checked = checkRequest('anthropic', request, (max_tokens) => ({
    model: request.model,
    max_tokens,
    messages: [{ role: 'user', content: request.prompt }],
  }));
  if (!checked.ok) return checked;
  const headers = authHeaders('anthropic', { apiKey: connection.apiKey });
  return connection.guard.call({ inputTokens: checked.inputTokens, outputTokens: checked.maxTokens }, () =>
    post(`${connection.baseURL}/v1/messages`, headers, checked.json, (body) =>
      (body as AnthropicMessage).content.map((block) => block.text ?? '').join(''),
    ),
  );
}

/** POST /chat/completions; resolves with the text of the first choice. */
export async function askOpenAI(
  request: ChatRequest,
  connection: Connection,
): Promise<CallResult<string> | Refused> {
  const checked = checkRequest('openai', request, (max_completion_tokens) => ({
    model: request.model,
    max_completion_tokens,
    messages: [{ role: 'user', content: request.prompt }],
  }));
  if (!checked.ok) return checked;
  const headers = authHeaders('openai', { apiKey: connection.apiKey });
  return connection.guard.call({ inputTokens: checked.inputTokens, outputTokens: checked.maxTokens }, () =>
    post(`${connection.baseURL}/chat/completions`, headers, checked.json, (body) =>
      (body as OpenAICompletion).choices.map((choice) => choice.message.content ?? '').join(''),
    ),
  );
}
