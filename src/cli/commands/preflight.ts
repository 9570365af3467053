import {
  preflight as preflightRequest,
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
import { asUsageError, EXIT_OK, EXIT_REJECTED } from '../errors.js';
import { decodeText, fileSize, readLimited } from '../io.js';
import { printJson, printLines } from '../output.js';
import { formatCount, loadPolicy, POLICY_OPTION, providerArgument } from '../policy-files.js';

/** Bodies up to this size (larger ones are checked by size alone) are read to find `model`, `max_tokens` and `requests` and to estimate tokens. */
const MAX_READ_BODY_BYTES = 64 * 1024 * 1024;

/** The request fields a JSON body states itself (`model`, `max_tokens`, the `requests` of a batch). */
function bodyFields(text: string): Pick<PreflightRequest, 'model' | 'maxTokens' | 'requests'> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) return {};
  const { model, max_tokens: maxTokens, requests } = body as Record<string, unknown>;
  return {
    ...(typeof model === 'string' ? { model } : {}),
    ...(typeof maxTokens === 'number' ? { maxTokens } : {}),
    ...(Array.isArray(requests) ? { requests: requests.length } : {}),
  };
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

/** The request a body file describes: its size, and for bodies that are read, its text and fields. */
async function bodyRequest(provider: Provider, file: string): Promise<PreflightRequest> {
  const size = await fileSize(file);
  if (size !== undefined && size > MAX_READ_BODY_BYTES) return { provider, bodyBytes: size };
  const bytes = await readLimited(file, MAX_READ_BODY_BYTES);
  const text = decodeText(bytes, file);
  return { provider, bodyBytes: bytes.length, text, ...bodyFields(text) };
}

/** The request described by the options and the body file; options win over the body's own fields. */
async function describeRequest(options: OptionValues): Promise<PreflightRequest> {
  const provider = providerArgument(requiredOption(options, 'provider', 'preflight'));
  const file = stringOption(options, 'file');
  const fromBody = file === undefined ? { provider } : await bodyRequest(provider, file);
  const endpoint = stringOption(options, 'endpoint');
  const model = stringOption(options, 'model');
  const maxTokens = stringOption(options, 'max-tokens');
  const target = stringOption(options, 'target');
  return {
    ...fromBody,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(model === undefined ? {} : { model }),
    ...(maxTokens === undefined
      ? {}
      : { maxTokens: /^\d+$/.test(maxTokens) ? Number(maxTokens) : maxTokens }),
    ...(target === undefined ? {} : { target }),
    ...countOption(options, 'input-tokens', 'inputTokens'),
    ...countOption(options, 'requests', 'requests'),
    ...countOption(options, 'qubits', 'qubits'),
  };
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
  const lines = [
    `${what}: ${result.ok ? 'OK' : `${result.violations.length} violation(s)`}`,
    ...(checked.length === 0 ? [] : [`  checked: ${checked.join(', ')}`]),
  ];
  for (const v of result.violations) {
    lines.push(
      `  ${v.code}: ${v.message}`,
      `    limit ${formatCount(v.limit)}, actual ${formatCount(v.actual)}`,
      `    suggestion: ${v.suggestion}`,
      `    source: ${v.source}`,
    );
  }
  return lines;
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
      description: 'the request body: its size, and its model/max_tokens/requests when JSON',
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
      'documentation page. Input tokens are estimated in the conservative upper mode over the whole\n' +
      'body text (JSON syntax included) unless --input-tokens gives the exact count.',
    'Exit status: 0 within every limit, 1 violations, 2 usage or I/O error (unknown provider, model or endpoint).',
  ],
  examples: [
    'mamlkit preflight --provider anthropic --endpoint messages --model claude-sonnet-4-5 --file body.json',
  ],
  async run(input) {
    positionals(input, 'preflight', { min: 0, max: 0 }, 'no FILE argument (use --file)');
    const { options } = input;
    const policy = await loadPolicy(options);
    const request = await describeRequest(options);
    const result = asUsageError('', () => preflightRequest(request, policy));
    if (flag(options, 'json')) {
      printJson({ request: { ...request, text: undefined }, ...result });
    } else printLines(humanReport(request, result));
    return result.ok ? EXIT_OK : EXIT_REJECTED;
  },
};
