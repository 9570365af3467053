import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BLOCKS, preflightBody, readsBody } from '../../src/policy/preflight/body.js';
import { definePolicy } from '../../src/policy/tables/define-policy.js';
import type { Provider } from '../../src/policy/types.js';
import { base64, gif, jpeg, padded, pdf, png, webpLossy } from './media-fixtures.js';
import { model, responsesEndpoint } from './test-models.js';

/** Test models, so the checks do not depend on which models the built-in tables list today. */
const policy = definePolicy({
  providers: {
    anthropic: {
      models: {
        'claude-test': model(200_000, 64_000),
        'claude-long-output': model(200_000, 150_000),
        'claude-1m': model(1_000_000, 64_000),
      },
    },
    openai: {
      models: { 'gpt-test': model(128_000, 16_384) },
      endpoints: responsesEndpoint('POST /v1/responses'),
    },
    'azure-openai': {
      models: { 'gpt-test': model(128_000, 16_384) },
      endpoints: responsesEndpoint('POST /openai/v1/responses'),
    },
  },
});

const user = (content: unknown) => ({ role: 'user', content });
const codes = (r: { violations: readonly { code: string }[] }) => r.violations.map((v) => v.code);

describe('preflightBody: request bodies read with their current names', () => {
  it('item "Request bodies read with yesterday\'s names": max_completion_tokens over the cap is a violation', () => {
    const body = { model: 'gpt-test', max_completion_tokens: 100_000, messages: [user('hi')] };
    const result = preflightBody('openai', 'chat_completions', body, policy);
    expect(result.ok).toBe(false);
    expect(result.violations[0]).toMatchObject({
      code: 'max_tokens_too_high',
      limit: 16_384,
      actual: 100_000,
    });
    expect(result.violations[0]?.message).toMatch(/^max_completion_tokens 100000 exceeds/);
    expect(result.outputLimit).toEqual({ parameter: 'max_completion_tokens', value: 100_000 });
  });

  it('item "Request bodies read with yesterday\'s names": max_output_tokens over the cap is a violation', () => {
    const body = { model: 'gpt-test', max_output_tokens: 20_000, input: 'hi' };
    for (const provider of ['openai', 'azure-openai'] as const) {
      const result = preflightBody(provider, 'responses', body, policy);
      expect(codes(result)).toEqual(['max_tokens_too_high']);
      expect(result.violations[0]?.message).toMatch(/^max_output_tokens 20000/);
    }
  });

  it('checks the deprecated max_tokens of Chat Completions too, and the larger of two caps', () => {
    const one = { model: 'gpt-test', max_tokens: 20_000, messages: [user('hi')] };
    expect(codes(preflightBody('openai', 'chat_completions', one, policy))).toEqual(['max_tokens_too_high']);
    const both = { ...one, max_tokens: 10, max_completion_tokens: 30_000 };
    expect(preflightBody('openai', 'chat_completions', both, policy).violations[0]?.actual).toBe(30_000);
  });

  it('takes the Azure model from the options (the deployment is in the URL) and says when there is none', () => {
    const body = { max_completion_tokens: 20_000, messages: [user('hi')] };
    const named = preflightBody('azure-openai', 'chat_completions', body, policy, { model: 'gpt-test' });
    expect(codes(named)).toEqual(['max_tokens_too_high']);
    const unnamed = preflightBody('azure-openai', 'chat_completions', body, policy);
    expect(unnamed.ok).toBe(true);
    expect(unnamed.unchecked).toContain('no model in the body or options: token limits not checked');
  });

  it('checks input + output against the context window and the body size against the endpoint', () => {
    // 100,000 tokens of text: within the window alone, over it with 150,000 output tokens.
    const text = ' word'.repeat(100_000);
    const body = { model: 'claude-long-output', max_tokens: 150_000, messages: [user(text)] };
    expect(codes(preflightBody('anthropic', 'messages', body, policy))).toContain('context_window_exceeded');
    const big = preflightBody('anthropic', 'messages', { model: 'claude-test', max_tokens: 10 }, policy, {
      bodyBytes: 40_000_000,
    });
    expect(codes(big)).toEqual(['body_too_large']);
  });

  it('lets the caller replace the output cap (profiles too) and the input estimate', () => {
    const body = { model: 'claude-test', max_tokens: 100_000, messages: [user('hi')] };
    const result = preflightBody('anthropic', 'messages', body, policy, {
      maxTokens: 'detailed',
      inputTokens: 7,
    });
    expect(result).toMatchObject({ ok: true, maxTokens: 1024, inputTokens: 7 });
  });

  it('reports a thinking budget that is not below max_tokens', () => {
    const body = {
      model: 'claude-test',
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 4000 },
      messages: [user('hi')],
    };
    expect(preflightBody('anthropic', 'messages', body, policy).violations[0]).toMatchObject({
      code: 'thinking_budget_too_high',
      limit: 3999,
      actual: 4000,
    });
  });

  it('refuses endpoints it does not read, bodies that are not JSON objects and mistyped fields', () => {
    expect(readsBody('anthropic', 'message_batches')).toBe(false);
    expect(() => preflightBody('anthropic', 'message_batches', {}, policy)).toThrow(/use preflight/);
    expect(() => preflightBody('anthropic', 'messages', '{', policy)).toThrow(/not valid JSON/);
    expect(() => preflightBody('anthropic', 'messages', '[]', policy)).toThrow(/JSON object/);
    expect(() => preflightBody('anthropic', 'messages', { max_tokens: '10' }, policy)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => preflightBody('openai', 'chat_completions', { messages: {} }, policy)).toThrow(
      /must be an array/,
    );
  });

  it('reads a body given as JSON text or bytes the same as the object, with its exact byte size', () => {
    const body = { model: 'claude-test', max_tokens: 10, messages: [user('héllo 😀')] };
    const text = JSON.stringify(body);
    const bytes = new TextEncoder().encode(text);
    const fromObject = preflightBody('anthropic', 'messages', body, policy);
    expect(fromObject.bodyBytes).toBe(bytes.length);
    expect(preflightBody('anthropic', 'messages', text, policy)).toEqual(fromObject);
    expect(preflightBody('anthropic', 'messages', bytes, policy)).toEqual(fromObject);
  });

  it('stops at the block limit with a typed error', () => {
    const body = {
      model: 'claude-test',
      max_tokens: 10,
      messages: new Array(MAX_BODY_BLOCKS + 1).fill(user('x')),
    };
    expect(() => preflightBody('anthropic', 'messages', body, policy)).toThrow(
      expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }),
    );
  });
});

describe('preflightBody: images, documents, tools and system text', () => {
  it('item "Request bodies read with yesterday\'s names": a 2 MB Anthropic body with one image passes with a realistic estimate', () => {
    const data = base64(padded(png(3000, 2000), 1_500_000));
    const body = {
      model: 'claude-test',
      max_tokens: 4096,
      messages: [
        user([
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data } },
          { type: 'text', text: 'Describe the findings in this scan.' },
        ]),
      ],
    };
    const result = preflightBody('anthropic', 'messages', body, policy);
    expect(result.bodyBytes).toBeGreaterThan(2_000_000);
    expect(result.ok).toBe(true);
    expect(result.unchecked).toEqual([]);
    // 3000×2000 scaled to 2576×1717 is 92 × 62 patches, over the 4784-token native maximum.
    expect(result.tokens).toMatchObject({ images: 4784, imageCount: 1 });
    expect(result.inputTokens).toBeLessThan(5000);
  });

  it('counts Anthropic system blocks, tools (with the tool system prompt), tool use and results, and text documents', () => {
    const tool = {
      name: 'lookup',
      description: 'Look a patient record up.',
      input_schema: { type: 'object' },
    };
    const body = {
      model: 'claude-test',
      max_tokens: 100,
      system: [{ type: 'text', text: 'You are careful.' }],
      tools: [tool],
      messages: [
        user([{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Some notes.' } }]),
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'lookup', input: { id: 7 } }] },
        user([{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'found' }] }]),
      ],
    };
    const result = preflightBody('anthropic', 'messages', body, policy);
    expect(result.unchecked).toEqual([]);
    expect(result.tokens.text).toBeGreaterThan(0);
    expect(result.tokens.tools).toBeGreaterThan(0);
    expect(result.tokens.documentCount).toBe(1);
    expect(result.inputTokens).toBeGreaterThan(346 + result.tokens.tools);
  });

  it('counts PDF pages by the per-page rule and lists what it cannot count', () => {
    const body = {
      model: 'claude-test',
      max_tokens: 100,
      messages: [
        user([
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf(3) } },
          { type: 'document', source: { type: 'file', file_id: 'file_1' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          { type: 'mystery_block' },
        ]),
      ],
    };
    const result = preflightBody('anthropic', 'messages', body, policy);
    expect(result.tokens).toMatchObject({
      documents: 3 * 4600,
      documentCount: 2,
      images: 2 * 4784,
      imageCount: 2,
    });
    expect(result.unchecked).toEqual([
      'messages[0] document: document source "file" not counted',
      'messages[0] image: image source "url" is not inline base64; counted at the per-image maximum of 4784 tokens',
      'messages[0] image: image header unreadable (not PNG, JPEG, GIF or WebP base64); counted at the per-image maximum of 4784 tokens',
      'content block type "mystery_block" not counted',
    ]);
  });

  it('reports Anthropic request-wide media limits: image edge, image count and PDF pages', () => {
    const image = (w: number, h: number) => ({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: base64(png(w, h)) },
    });
    const body = (content: unknown[], m = 'claude-test') => ({
      model: m,
      max_tokens: 10,
      messages: [user(content)],
    });
    const big = preflightBody('anthropic', 'messages', body([image(9000, 100)]), policy);
    expect(big.violations).toMatchObject([{ code: 'image_too_large', limit: 8000, actual: 9000 }]);
    const many = preflightBody('anthropic', 'messages', body(new Array(21).fill(image(2500, 100))), policy);
    expect(many.violations).toMatchObject([{ code: 'image_too_large', limit: 2000, actual: 2500 }]);
    expect(
      preflightBody('anthropic', 'messages', body(new Array(20).fill(image(2500, 100))), policy).ok,
    ).toBe(true);
    const count = preflightBody('anthropic', 'messages', body(new Array(601).fill(image(10, 10))), policy);
    expect(codes(count)).toEqual(['too_many_images']);
    const doc = {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: pdf(101) },
    };
    const pages = preflightBody('anthropic', 'messages', body([doc]), policy);
    expect(pages.violations.find((v) => v.code === 'pdf_too_many_pages')).toMatchObject({
      limit: 100,
      actual: 101,
    });
    const wide = preflightBody('anthropic', 'messages', body([doc], 'claude-1m'), policy);
    expect(codes(wide)).not.toContain('pdf_too_many_pages');
  });

  it('counts OpenAI chat images in data URIs by detail, and lists URLs and files', () => {
    const url = (bytes: Uint8Array, mime: string) => `data:${mime};base64,${base64(padded(bytes, 3000))}`;
    const body = {
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'Be brief.' },
        user([
          { type: 'text', text: 'Compare.' },
          { type: 'image_url', image_url: { url: url(jpeg(1024, 1024), 'image/jpeg'), detail: 'high' } },
          { type: 'image_url', image_url: { url: url(gif(16, 16), 'image/gif'), detail: 'low' } },
          { type: 'image_url', image_url: { url: 'https://example.com/x.webp' } },
          { type: 'file', file: { file_id: 'file-1' } },
        ]),
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
    };
    const result = preflightBody('openai', 'chat_completions', body, policy);
    expect(result.tokens).toMatchObject({ images: 1024 + 85 + 1536, imageCount: 3, documentCount: 1 });
    expect(result.unchecked).toEqual([
      'messages[1] image_url: image URL, size unknown; counted at the per-image maximum of 1536 tokens',
      'messages[1] file: file input tokens not counted (OpenAI publishes no per-page rule)',
    ]);
  });

  it('counts structured-output schemas and deprecated functions as tools, and lists stored or remote content', () => {
    const schema = { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' } } };
    const chat = preflightBody(
      'azure-openai',
      'chat_completions',
      {
        model: 'gpt-test',
        messages: [user('hi')],
        response_format: schema,
        data_sources: [{ type: 'azure_search' }],
      },
      policy,
    );
    expect(chat.tokens.tools).toBeGreaterThan(0);
    expect(chat.unchecked).toEqual([
      'data_sources: retrieved documents are added by the service and not counted',
    ]);
    const fns = preflightBody(
      'openai',
      'chat_completions',
      { model: 'gpt-test', messages: [], functions: [{ name: 'f' }] },
      policy,
    );
    expect(fns.tokens.tools).toBeGreaterThan(0);
    const responses = preflightBody(
      'openai',
      'responses',
      {
        model: 'gpt-test',
        input: 'hi',
        text: { format: { type: 'json_schema', schema: {} } },
        prompt: { id: 'pmpt_1' },
      },
      policy,
    );
    expect(responses.tokens.tools).toBeGreaterThan(0);
    expect(responses.unchecked).toEqual(['prompt: the stored prompt template is not counted']);
    const mcp = preflightBody(
      'anthropic',
      'messages',
      { model: 'claude-test', max_tokens: 1, messages: [], mcp_servers: [{ type: 'url', url: 'https://x' }] },
      policy,
    );
    expect(mcp.unchecked).toEqual([
      'mcp_servers: tool definitions of remote MCP servers are fetched by Anthropic and not counted',
    ]);
  });

  it('reads Responses instructions, input items, input_image and function calls', () => {
    const body = {
      model: 'gpt-test',
      instructions: 'Answer in French.',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Quoi ?' },
            {
              type: 'input_image',
              image_url: `data:image/webp;base64,${base64(webpLossy(64, 64))}`,
              detail: 'low',
            },
          ],
        },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{"a":1}' },
        { type: 'function_call_output', call_id: 'c', output: 'ok' },
        { type: 'reasoning', encrypted_content: 'xyz' },
        { type: 'input_image' },
      ],
    };
    const result = preflightBody('openai', 'responses', body, policy);
    expect(result.tokens).toMatchObject({ images: 85, imageCount: 1 });
    expect(result.unchecked).toEqual([
      'input item type "reasoning" not counted',
      'input item type "input_image" not counted',
    ]);
  });
});

/** Random bodies in the providers' shapes, with known and unknown block types. */
const text = fc.string({ maxLength: 40 });
const unknownType = fc.constantFrom('audio', 'video', 'container_upload', 'web_search_tool_result');
const anthropicBlock = fc.oneof(
  text.map((t) => ({ type: 'text', text: t })),
  fc.constant({
    type: 'image',
    source: { type: 'base64', media_type: 'image/png', data: base64(png(800, 600)) },
  }),
  fc.constant({ type: 'image', source: { type: 'url', url: 'https://example.com/i.png' } }),
  fc.constant({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf(2) } }),
  fc.record({
    type: fc.constant('tool_use'),
    id: text,
    name: text,
    input: fc.dictionary(text, text, { maxKeys: 3 }),
  }),
  fc.record({ type: fc.constant('tool_result'), tool_use_id: text, content: text }),
  unknownType.map((type) => ({ type })),
  text.map((type) => ({ type })),
  fc.anything(),
);
const anthropicBody = fc.record({
  model: fc.constant('claude-test'),
  max_tokens: fc.nat(100_000),
  system: fc.oneof(text, fc.array(anthropicBlock, { maxLength: 3 })),
  messages: fc.array(
    fc.record({
      role: fc.constantFrom('user', 'assistant'),
      content: fc.oneof(text, fc.array(anthropicBlock, { maxLength: 5 })),
    }),
    { maxLength: 5 },
  ),
});
const openaiPart = fc.oneof(
  text.map((t) => ({ type: 'text', text: t })),
  fc.constant({ type: 'image_url', image_url: { url: `data:image/jpeg;base64,${base64(jpeg(300, 200))}` } }),
  unknownType.map((type) => ({ type })),
  text.map((type) => ({ type })),
  fc.anything(),
);
const chatBody = fc.record({
  model: fc.constant('gpt-test'),
  max_completion_tokens: fc.nat(100_000),
  messages: fc.array(
    fc.record({ role: fc.constant('user'), content: fc.oneof(text, fc.array(openaiPart, { maxLength: 5 })) }),
    {
      maxLength: 5,
    },
  ),
});

/** The `type` of every block directly in `system` and in `messages[].content` lists. */
function blockTypes(body: Record<string, unknown>): string[] {
  const lists = [body.system, ...(body.messages as { content?: unknown }[]).map((m) => m.content)];
  return lists.flatMap((list) =>
    Array.isArray(list)
      ? list.flatMap((block: unknown) => {
          const type =
            typeof block === 'object' && block !== null ? (block as { type?: unknown }).type : undefined;
          return typeof type === 'string' ? [type] : [];
        })
      : [],
  );
}

/** Block types each reader counts (`file` parts are listed as uncounted under their own wording). */
const COUNTED: Readonly<Record<string, readonly string[]>> = {
  anthropic: [
    'text',
    'image',
    'document',
    'tool_use',
    'server_tool_use',
    'tool_result',
    'thinking',
    'search_result',
  ],
  openai: ['text', 'refusal', 'image_url', 'file'],
};

describe('preflightBody: properties', () => {
  it("never throws on random bodies of the providers' shapes, and lists every block type it did not count", () => {
    const cases: [Provider, string, fc.Arbitrary<Record<string, unknown>>][] = [
      ['anthropic', 'messages', anthropicBody],
      ['openai', 'chat_completions', chatBody],
    ];
    for (const [provider, endpoint, arbitrary] of cases) {
      fc.assert(
        fc.property(arbitrary, (body) => {
          const result = preflightBody(provider, endpoint, body, policy);
          expect(result.inputTokens).toBeGreaterThanOrEqual(0);
          const skipped = result.unchecked.join('\n');
          for (const type of blockTypes(body)) {
            if (!(COUNTED[provider] ?? []).includes(type)) expect(skipped).toContain(JSON.stringify(type));
          }
        }),
        { numRuns: 200 },
      );
    }
  });

  it('every current output-cap name of every shape is checked against the model', () => {
    const shapes: [Provider, string, string, Record<string, unknown>][] = [
      ['anthropic', 'messages', 'max_tokens', { model: 'claude-test', messages: [user('hi')] }],
      ['anthropic', 'count_tokens', 'max_tokens', { model: 'claude-test', messages: [user('hi')] }],
      ['openai', 'chat_completions', 'max_completion_tokens', { model: 'gpt-test', messages: [user('hi')] }],
      ['openai', 'chat_completions', 'max_tokens', { model: 'gpt-test', messages: [user('hi')] }],
      ['openai', 'responses', 'max_output_tokens', { model: 'gpt-test', input: 'hi' }],
      [
        'azure-openai',
        'chat_completions',
        'max_completion_tokens',
        { model: 'gpt-test', messages: [user('hi')] },
      ],
      ['azure-openai', 'responses', 'max_output_tokens', { model: 'gpt-test', input: 'hi' }],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...shapes),
        fc.integer({ min: 0, max: 10_000_000 }),
        ([provider, endpoint, name, base], n) => {
          const cap = provider === 'anthropic' ? 64_000 : 16_384;
          const result = preflightBody(provider, endpoint, { ...base, [name]: n }, policy);
          expect(codes(result).includes('max_tokens_too_high')).toBe(n > cap);
          expect(result.outputLimit).toEqual({ parameter: name, value: n });
        },
      ),
    );
  });

  it('base64 image and PDF data never count as text, whatever their size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 1, max: 40 }), (extra, pages) => {
        const data = base64(padded(png(640, 480), 29 + extra));
        const body = {
          model: 'claude-test',
          max_tokens: 10,
          messages: [
            user([
              { type: 'text', text: 'Compare.' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data } },
              {
                type: 'document',
                source: { type: 'base64', media_type: 'application/pdf', data: pdf(pages) },
              },
            ]),
          ],
        };
        const { tokens } = preflightBody('anthropic', 'messages', body, policy);
        const textOnly = preflightBody(
          'anthropic',
          'messages',
          { ...body, messages: [user('Compare.')] },
          policy,
        );
        expect(tokens.text).toBe(textOnly.tokens.text);
        expect(tokens.images).toBe(23 * 18);
        expect(tokens.documents).toBe(pages * 4600);
      }),
      { numRuns: 30 },
    );
  });

  it('a body with more images never counts fewer tokens', () => {
    const image = {
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: base64(png(1200, 900)) },
    };
    fc.assert(
      fc.property(fc.nat(20), (n) => {
        const body = (k: number) => ({
          model: 'claude-test',
          max_tokens: 1,
          messages: [user(new Array(k).fill(image))],
        });
        const a = preflightBody('anthropic', 'messages', body(n), policy).inputTokens ?? 0;
        const b = preflightBody('anthropic', 'messages', body(n + 1), policy).inputTokens ?? 0;
        expect(b).toBeGreaterThan(a);
      }),
    );
  });
});
