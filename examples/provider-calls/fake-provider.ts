/**
 * A local stand-in for the Anthropic and OpenAI APIs on 127.0.0.1, for the demo and the tests.
 * Each request takes the next scripted fault for its provider and gets the status, headers and
 * JSON error body the real API sends for it; with no fault left it answers successfully.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';

type Provider = 'anthropic' | 'openai' | 'azure-openai';

export type Fault = 'rate_limited' | 'overloaded' | 'too_large' | 'quota_exhausted' | 'server_error';

export interface FakeProvider {
  /**
   * `http://127.0.0.1:<port>`: Anthropic's base URL; OpenAI's is this plus `/v1`, an Azure
   * OpenAI deployment's this plus `/openai/deployments/<name>`.
   */
  readonly url: string;
  /** Headers of every request received, in order, with the path. */
  readonly requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Queues faults for the next requests to one provider. */
  readonly script: (provider: Provider, ...faults: Fault[]) => void;
  readonly close: () => Promise<void>;
}

type Reply = readonly [status: number, headers: Record<string, string>, body: unknown];

function anthropicReply(fault: Fault | undefined): Reply {
  const error = (
    status: number,
    type: string,
    message: string,
    headers: Record<string, string> = {},
  ): Reply => [status, headers, { type: 'error', error: { type, message } }];
  switch (fault) {
    case 'rate_limited':
      return error(429, 'rate_limit_error', 'Number of requests has exceeded your rate limit', {
        'retry-after': '2',
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': new Date(Date.now() + 2000).toISOString(),
      });
    case 'overloaded':
      return error(529, 'overloaded_error', 'Overloaded');
    case 'too_large':
      return error(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes');
    case 'quota_exhausted':
      return error(402, 'billing_error', 'Your credit balance is too low to access the Anthropic API');
    case 'server_error':
      return error(500, 'api_error', 'Internal server error');
    case undefined:
      return [
        200,
        {
          'anthropic-ratelimit-requests-limit': '50',
          'anthropic-ratelimit-requests-remaining': '49',
          'anthropic-ratelimit-input-tokens-limit': '30000',
          'anthropic-ratelimit-input-tokens-remaining': '29000',
        },
        {
          id: 'msg_local',
          type: 'message',
          role: 'assistant',
          model: 'claude-haiku-4-5',
          content: [{ type: 'text', text: 'Hello from the local Anthropic stand-in.' }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 12, output_tokens: 9 },
        },
      ];
  }
}

function openaiReply(fault: Fault | undefined): Reply {
  const error = (
    status: number,
    type: string,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): Reply => [status, headers, { error: { message, type, param: null, code } }];
  switch (fault) {
    case 'rate_limited':
      return error(429, 'requests', 'rate_limit_exceeded', 'Rate limit reached for requests', {
        'x-ratelimit-limit-requests': '60',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '1s',
        'retry-after-ms': '1000',
      });
    case 'quota_exhausted':
      return error(429, 'insufficient_quota', 'insufficient_quota', 'You exceeded your current quota', {
        'retry-after': '1',
      });
    case 'too_large':
      return error(413, 'invalid_request_error', 'request_too_large', 'Request too large');
    case 'overloaded':
      return error(503, 'server_error', 'overloaded', 'The engine is currently overloaded');
    case 'server_error':
      return error(500, 'server_error', 'server_error', 'The server had an error');
    case undefined:
      return [
        200,
        {
          'x-ratelimit-limit-requests': '60',
          'x-ratelimit-remaining-requests': '59',
          'x-ratelimit-reset-requests': '1s',
        },
        {
          id: 'chatcmpl-local',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: 'gpt-5-mini',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'Hello from the local OpenAI stand-in.' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 },
        },
      ];
  }
}

/** Azure OpenAI: OpenAI's bodies, its own rate-limit answer (`retry-after-ms` and a numeric code). */
function azureReply(fault: Fault | undefined): Reply {
  if (fault === 'rate_limited') {
    return [
      429,
      { 'retry-after-ms': '250', 'retry-after': '1', 'x-ratelimit-remaining-tokens': '0' },
      {
        error: {
          code: '429',
          message:
            'Requests to the ChatCompletions_Create Operation have exceeded token rate limit of your current tier. Please retry after 1 second.',
        },
      },
    ];
  }
  const [status, , body] = openaiReply(fault);
  return [status, { 'x-ratelimit-remaining-requests': '59', 'x-ratelimit-remaining-tokens': '149000' }, body];
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const faults: Record<Provider, Fault[]> = { anthropic: [], openai: [], 'azure-openai': [] };
  const requests: FakeProvider['requests'] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    request.resume().on('end', () => {
      const route = path.split('?')[0] ?? '';
      const reply =
        route === '/v1/messages'
          ? anthropicReply(faults.anthropic.shift())
          : route === '/v1/chat/completions'
            ? openaiReply(faults.openai.shift())
            : /^\/openai\/deployments\/[\w.-]+\/chat\/completions$/.test(route)
              ? azureReply(faults['azure-openai'].shift())
              : ([404, {}, { error: { message: `no route ${path}` } }] as const);
      const [status, headers, body] = reply;
      response
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake provider has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    script: (provider, ...more) => {
      faults[provider].push(...more);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
