import {
  defaultPolicy,
  definePolicy,
  PROVIDERS,
  type Policy,
  type PolicyInput,
  type Provider,
} from 'mamlkit/policy';
import { stringOption, type OptionSpec, type OptionValues } from './command.js';
import { asUsageError, usageError } from './errors.js';
import { readLimitedText } from './io.js';

/** `--policy FILE`: JSON overrides merged over the built-in tables. */
export const POLICY_OPTION: OptionSpec = {
  type: 'string',
  value: 'FILE',
  description: 'JSON overrides merged over the built-in tables (definePolicy input)',
};

/** Policy override files are small. */
const MAX_POLICY_FILE_BYTES = 1024 * 1024;

/** The built-in policy, or the built-in one with the `--policy` file's overrides. */
export async function loadPolicy(options: OptionValues): Promise<Policy> {
  const path = stringOption(options, 'policy');
  if (path === undefined) return defaultPolicy;
  const text = await readLimitedText(path, MAX_POLICY_FILE_BYTES);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw usageError(`${path} is not valid JSON`);
  }
  return asUsageError(path, () => definePolicy(input as PolicyInput));
}

/** Checks a provider name given on the command line. */
export function providerArgument(name: string): Provider {
  if (!PROVIDERS.includes(name as Provider)) {
    throw usageError(`unknown provider '${name}'; known: ${PROVIDERS.join(', ')}`);
  }
  return name as Provider;
}

/** A count for people: `32,000,000`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
