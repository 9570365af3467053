import {
  preflight as preflightRequest,
  preflightBody,
  readsBody,
  type Policy,
  type PreflightBodyResult,
  type PreflightRequest,
  type PreflightResult,
  type Provider,
} from 'mamlkit/policy';
import {
  flag,
  integerOption,
  JSON_OPTION,
  positionals,
  requiredOption,
  stringOption,
  type Command,
  type OptionValues,
} from '../command.js';
import { asUsageError, EXIT_OK, EXIT_REJECTED, usageError } from '../errors.js';
import { decodeText, fileSize, readLimited } from '../io.js';
import { printJson, printLines } from '../output.js';
import { formatCount, loadPolicy, POLICY_OPTION, providerArgument } from '../policy-files.js';

/** Bodies up to this size (larger ones are checked by size alone) are read and counted. */
const MAX_READ_BODY_BYTES = 64 * 1024 * 1024;

/** A body file that was read: its bytes, its text and, when it is a JSON object, the object. */
interface BodyFile {
  readonly bytes: number;
  readonly text: string;
  readonly json: Readonly<Record<string, unknown>> | undefined;
}

function jsonObject(text: string): Readonly<Record<string, unknown>> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The body file, or only its size when it is too large to read. */
async function readBody(file: string): Promise<BodyFile | number> {
  const size = await fileSize(file, '--file');
  if (size !== undefined && size > MAX_READ_BODY_BYTES) return size;
  const bytes = await readLimited(file, MAX_READ_BODY_BYTES, '--file');
  const text = decodeText(bytes, file, '--file');
  return { bytes: bytes.length, text, json: jsonObject(text) };
}

/** The request fields a batch body states itself (`model`, the `requests` of a batch). */
function batchFields(json: BodyFile['json']): Pick<PreflightRequest, 'model' | 'requests'> {
  if (json === undefined) return {};
  const { model, requests } = json;
  return {
    ...(typeof model === 'string' ? { model } : {}),
    ...(Array.isArray(requests) ? { requests: requests.length } : {}),
  };
}

/**
 * The endpoint whose body shape to read: the one named, or Anthropic Messages for an Anthropic
 * body that is not a batch. OpenAI bodies need `--endpoint`: Chat Completions and Responses
 * name their output cap differently, and guessing would check the wrong one.
 */
function bodyEndpoint(provider: Provider, named: string | undefined, body: BodyFile): string | undefined {
  if (named !== undefined || body.json === undefined) return named;
  if (provider === 'anthropic' && !Array.isArray(body.json['requests'])) return 'messages';
  if ('messages' in body.json || 'input' in body.json)
    throw usageError('name the endpoint of this body: --endpoint chat_completions or --endpoint responses');
  return undefined;
}

const COUNT = { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: -1 };

/** A count option, or nothing when absent. */
function countOption<K extends string>(
  options: OptionValues,
  name: string,
  key: K,
): Partial<Record<K, number>> {
  const value = integerOption(options, name, COUNT);
  return value === -1 ? {} : ({ [key]: value } as Record<K, number>);
}

/** The request a body file describes when its shape is not read: its size, text and batch fields. */
function sizedRequest(provider: Provider, body: BodyFile | number | undefined): PreflightRequest {
  if (body === undefined) return { provider };
  if (typeof body === 'number') return { provider, bodyBytes: body };
  return { provider, bodyBytes: body.bytes, text: body.text, ...batchFields(body.json) };
}

/** The request described by the options and the body file; options win over the body's own fields. */
function describeRequest(
  options: OptionValues,
  provider: Provider,
  endpoint: string | undefined,
  body: BodyFile | number | undefined,
): PreflightRequest {
  const model = stringOption(options, 'model');
  const maxTokens = maxTokensOption(options);
  const target = stringOption(options, 'target');
  return {
    ...sizedRequest(provider, body),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(model === undefined ? {} : { model }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(target === undefined ? {} : { target }),
    ...countOption(options, 'input-tokens', 'inputTokens'),
    ...countOption(options, 'requests', 'requests'),
    ...countOption(options, 'qubits', 'qubits'),
  };
}

function maxTokensOption(options: OptionValues): number | string | undefined {
  const value = stringOption(options, 'max-tokens');
  return value === undefined ? undefined : /^\d+$/.test(value) ? Number(value) : value;
}

/** Checks a body whose shape preflightBody reads; options win over the body's own fields. */
function checkBody(
  options: OptionValues,
  provider: Provider,
  endpoint: string,
  body: BodyFile,
  policy: Policy,
): PreflightBodyResult {
  const model = stringOption(options, 'model');
  const maxTokens = maxTokensOption(options);
  return asUsageError('', () =>
    preflightBody(provider, endpoint, body.text, policy, {
      now: Date.now(),
      bodyBytes: body.bytes,
      ...(model === undefined ? {} : { model }),
      ...(maxTokens === undefined ? {} : { maxTokens }),
      ...countOption(options, 'input-tokens', 'inputTokens'),
    }),
  );
}

function bodyReport(
  provider: Provider,
  endpoint: string,
  model: string | undefined,
  result: PreflightBodyResult,
): string[] {
  const { tokens } = result;
  const counted = [
    `body ${formatCount(result.bodyBytes)} bytes`,
    result.inputTokens === undefined
      ? undefined
      : `input ${formatCount(result.inputTokens)} tokens (upper estimate)`,
    `text ${formatCount(tokens.text)}`,
    tokens.tools === 0 ? undefined : `tools ${formatCount(tokens.tools)}`,
    tokens.imageCount === 0 ? undefined : `${tokens.imageCount} image(s) ${formatCount(tokens.images)}`,
    tokens.documentCount === 0
      ? undefined
      : `${tokens.documentCount} document(s) ${formatCount(tokens.documents)}`,
    result.outputLimit === undefined
      ? undefined
      : `${result.outputLimit.parameter} ${formatCount(result.outputLimit.value)}`,
  ].filter((part) => part !== undefined);
  return [
    `${[provider, endpoint, model].filter((p) => p !== undefined).join(' ')}: ${verdict(result)}`,
    `  checked: ${counted.join(', ')}`,
    ...violationLines(result.violations),
    ...warningLines(result.warnings),
    ...uncheckedLines(result.unchecked),
  ];
}

function humanReport(request: PreflightRequest, result: PreflightResult): string[] {
  const what = [request.provider, request.endpoint, request.model]
    .filter((part) => part !== undefined)
    .join(' ');
  const checked = [
    request.bodyBytes === undefined ? undefined : `body ${formatCount(request.bodyBytes)} bytes`,
    result.inputTokens === undefined
      ? undefined
      : `input ${formatCount(result.inputTokens)} tokens${request.inputTokens === undefined ? ' (upper estimate)' : ''}`,
    result.maxTokens === undefined ? undefined : `max_tokens ${formatCount(result.maxTokens)}`,
    request.requests === undefined ? undefined : `${formatCount(request.requests)} requests`,
    request.qubits === undefined ? undefined : `${formatCount(request.qubits)} qubits`,
  ].filter((part) => part !== undefined);
  return [
    `${what}: ${verdict(result)}`,
    ...(checked.length === 0 ? [] : [`  checked: ${checked.join(', ')}`]),
    ...violationLines(result.violations),
    ...warningLines(result.warnings),
    ...uncheckedLines(result.unchecked),
  ];
}

function verdict(result: { readonly ok: boolean; readonly violations: readonly unknown[] }): string {
  return result.ok ? 'OK' : `${result.violations.length} violation(s)`;
}

function violationLines(violations: PreflightBodyResult['violations']): string[] {
  return violations.flatMap((v) => [
    `  ${v.code}: ${v.message}`,
    `    limit ${formatCount(v.limit)}, actual ${formatCount(v.actual)}`,
    `    suggestion: ${v.suggestion}`,
    `    source: ${v.source}`,
  ]);
}

function warningLines(warnings: PreflightResult['warnings']): string[] {
  return warnings.flatMap((w) => [`  warning ${w.code}: ${w.message}`, `    source: ${w.source}`]);
}

function uncheckedLines(unchecked: readonly string[]): string[] {
  return unchecked.length === 0 ? [] : ['  unchecked:', ...unchecked.map((u) => `    ${u}`)];
}

/** `mamlkit preflight`: check a request against provider limits before sending it. */
export const preflight: Command = {
  name: 'preflight',
  summary: 'check a provider request (body size, tokens, batch size, qubits) against the limits',
  usage: [
    'preflight --provider PROVIDER [--endpoint ID] [--model ID] [--file BODY.json] [--max-tokens N|PROFILE] [--json]',
  ],
  options: {
    provider: {
      type: 'string',
      short: 'p',
      value: 'PROVIDER',
      description: 'anthropic, openai, azure-openai, azure-quantum (required)',
    },
    endpoint: {
      type: 'string',
      short: 'e',
      value: 'ID',
      description: 'endpoint id, e.g. messages, message_batches, batch, files',
    },
    model: {
      type: 'string',
      short: 'm',
      value: 'ID',
      description: "model id or alias (default: the body's model)",
    },
    file: {
      type: 'string',
      short: 'f',
      value: 'BODY',
      description:
        'the request body: its size, and for JSON bodies their model, output cap, text, images and documents',
    },
    'max-tokens': {
      type: 'string',
      value: 'N',
      description: "max_tokens, or a profile: concise, detailed, max (default: the body's)",
    },
    'input-tokens': {
      type: 'string',
      value: 'N',
      description: 'exact input tokens (default: an upper estimate over the body text)',
    },
    requests: {
      type: 'string',
      value: 'N',
      description: "requests in a batch (default: length of the body's requests)",
    },
    qubits: { type: 'string', value: 'N', description: 'qubits a quantum job needs' },
    target: { type: 'string', value: 'ID', description: 'Azure Quantum target id' },
    json: JSON_OPTION,
    policy: POLICY_OPTION,
  },
  notes: [
    'Reports every limit the request breaks, with the limit, the actual value, a suggestion and the\n' +
      'documentation page, and lists what it could not check. A JSON body of anthropic messages or\n' +
      'count_tokens, or of openai / azure-openai chat_completions or responses, is read by its\n' +
      'current parameter names (max_tokens, max_completion_tokens, max_output_tokens): text and tools\n' +
      'are estimated in the upper mode, images by their header dimensions and the provider rule, PDFs\n' +
      'by their pages. An Anthropic body defaults to --endpoint messages; an OpenAI body needs\n' +
      '--endpoint. Other bodies are checked by size, with tokens estimated over the whole text,\n' +
      'unless --input-tokens gives the exact count.',
    'Exit status: 0 within every limit, 1 violations, 2 usage or I/O error (unknown provider, model or endpoint).',
  ],
  examples: [
    'mamlkit preflight --provider anthropic --endpoint messages --model claude-sonnet-4-5 --file body.json',
    'mamlkit preflight --provider azure-openai --endpoint chat_completions --model gpt-4.1 --file body.json',
  ],
  async run(input) {
    positionals(input, 'preflight', { min: 0, max: 0 }, 'no FILE argument (use --file)');
    const { options } = input;
    const policy = await loadPolicy(options);
    const provider = providerArgument(requiredOption(options, 'provider', 'preflight'));
    const file = stringOption(options, 'file');
    const body = file === undefined ? undefined : await readBody(file);
    const named = stringOption(options, 'endpoint');
    const endpoint = typeof body === 'object' ? bodyEndpoint(provider, named, body) : named;
    if (
      typeof body === 'object' &&
      body.json !== undefined &&
      endpoint !== undefined &&
      readsBody(provider, endpoint)
    ) {
      const result = checkBody(options, provider, endpoint, body, policy);
      const model = stringOption(options, 'model') ?? batchFields(body.json).model;
      if (flag(options, 'json')) printJson({ request: { provider, endpoint, model }, ...result });
      else printLines(bodyReport(provider, endpoint, model, result));
      return result.ok ? EXIT_OK : EXIT_REJECTED;
    }
    const request = describeRequest(options, provider, endpoint, body);
    const result = asUsageError('', () => preflightRequest(request, policy, { now: Date.now() }));
    if (flag(options, 'json')) {
      printJson({ request: { ...request, text: undefined }, ...result });
    } else printLines(humanReport(request, result));
    return result.ok ? EXIT_OK : EXIT_REJECTED;
  },
};
